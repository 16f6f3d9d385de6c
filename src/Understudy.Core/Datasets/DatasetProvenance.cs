namespace Understudy.Core.Datasets;

/// <summary>What produced a dataset split: recorded in the store's catalog next to the data.</summary>
/// <param name="Command">The command that wrote it, e.g. "batch-infer".</param>
/// <param name="ConfigHash">Hash of the effective configuration (file + overrides).</param>
/// <param name="Inputs">Dataset ids (with split) the command read.</param>
public sealed record DatasetProvenance(string Command, string ConfigHash, IReadOnlyList<string> Inputs)
{
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public static DatasetProvenance Manual(string command) => new(command, "", []);
}
