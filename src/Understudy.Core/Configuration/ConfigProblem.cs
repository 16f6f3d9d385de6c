namespace Understudy.Core.Configuration;

/// <summary>One thing wrong with a configuration, already phrased for the user.</summary>
/// <param name="Key">The key concerned (dotted for nested keys), or null for file-level problems.</param>
/// <param name="Message">The full message, naming the key, the value and where it came from.</param>
public sealed record ConfigProblem(string? Key, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
