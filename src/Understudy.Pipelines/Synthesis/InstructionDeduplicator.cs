using System.Text.RegularExpressions;
using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Synthesis;

/// <summary>
/// Remembers the instructions already present (seeds, earlier synthetic rows) by a hash of their normalised text
/// (case-folded, whitespace collapsed), and accepts a new instruction only once.
/// </summary>
public sealed partial class InstructionDeduplicator
{
    private readonly HashSet<string> _seen = [];

    /// <summary>Marks <paramref name="instruction"/> as present.</summary>
    public void Add(string instruction) => _seen.Add(Key(instruction));

    /// <summary>True (and remembered) when the instruction was not present yet.</summary>
    public bool TryAccept(string instruction) => _seen.Add(Key(instruction));

    public int Count => _seen.Count;

    private static string Key(string instruction) =>
        RowId.FromContent(Whitespace().Replace(instruction.Trim().ToLowerInvariant(), " "));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
