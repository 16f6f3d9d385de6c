namespace Understudy.Core.Configuration;

/// <summary>
/// Thrown when a configuration cannot be loaded; lists every problem found, not only the first,
/// so the user can fix the file in one pass. The message is meant to be printed as it is.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public ConfigException(IReadOnlyList<ConfigProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for a single problem.</summary>
    public ConfigException(string message)
        : this([new ConfigProblem(null, message)])
    {
    }

    /// <summary>Every problem found, in file order, then flag order, then validation order.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A ConfigException needs at least one problem.", nameof(problems));
        }

        return problems.Count == 1
            ? problems[0].Message
            : $"{problems.Count} configuration problems:" + Environment.NewLine
              + string.Join(Environment.NewLine, problems.Select(p => "  - " + p.Message));
    }
}
