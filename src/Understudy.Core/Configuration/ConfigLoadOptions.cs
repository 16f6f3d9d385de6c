namespace Understudy.Core.Configuration;

/// <summary>Options for <see cref="ConfigLoader"/>.</summary>
public sealed record ConfigLoadOptions
{
    /// <summary>Default options: the process environment.</summary>
    public static ConfigLoadOptions Default { get; } = new();

    /// <summary>Looks up environment variables for <c>${VAR}</c> expansion in file values.</summary>
    public Func<string, string?> EnvironmentVariables { get; init; } = Environment.GetEnvironmentVariable;
}
