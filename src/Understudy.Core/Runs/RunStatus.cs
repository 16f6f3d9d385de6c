namespace Understudy.Core.Runs;

/// <summary>How a command run ended.</summary>
public enum RunStatus
{
    /// <summary>The command finished and returned exit code 0.</summary>
    Succeeded,

    /// <summary>The command returned a non-zero exit code or threw.</summary>
    Failed,

    /// <summary>The user cancelled (Ctrl-C); partial outputs were kept and the step can resume.</summary>
    Cancelled,
}
