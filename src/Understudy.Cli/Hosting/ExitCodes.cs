namespace Understudy.Cli.Hosting;

/// <summary>Process exit codes of every <c>understudy</c> command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran and failed (an evaluation that did not pass is a success with a "fail" verdict, not this).</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or configuration: nothing ran.</summary>
    public const int UsageError = 2;

    /// <summary>Cancelled with Ctrl-C (128 + SIGINT); partial outputs are kept and the step resumes.</summary>
    public const int Cancelled = 130;
}
