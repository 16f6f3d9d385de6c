using System.Collections.Concurrent;

namespace Understudy.Core.Tests.Hub;

/// <summary>A dataset repository held by <see cref="HubFixtureServer"/>: its files at <c>main</c> and an optional Parquet conversion.</summary>
public sealed class FixtureRepo
{
    public bool IsPrivate { get; init; }

    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>config → split → file name → bytes, served by the <c>/parquet</c> API.</summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, byte[]>>> Conversion { get; } = new(StringComparer.Ordinal);

    public List<string> CommitSummaries { get; } = [];
}
