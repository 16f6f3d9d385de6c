using System.Runtime.CompilerServices;
using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Merge;

/// <summary>
/// Reads a split of coverage or synth schema (a split with a <c>generators</c> column is synth) as coverage rows,
/// normalised by <see cref="CoverageRowNormaliser"/>, one at a time; a row that cannot be a training row comes back
/// with its problem instead of a row.
/// </summary>
public static class CoverageRowReader
{
    /// <summary>One input row: the normalised row, or why there is none (and its prompt as stored, for messages).</summary>
    public sealed record Item(int Index, string PromptId, CoverageRow? Row, string? Problem, string Prompt);

    /// <summary>The split's rows in order. Throws <see cref="DatasetNotFoundException"/> when the split is missing.</summary>
    public static async IAsyncEnumerable<Item> ReadAsync(IDatasetStore store, string datasetId, string split,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        DatasetInfo? info = await store.GetAsync(datasetId, cancellationToken);
        bool isSynth = info?.Splits.FirstOrDefault(s => s.Name == split)?.Columns.Contains("generators") == true;
        int index = 0;
        if (isSynth)
        {
            await foreach (SynthRow row in store.ReadAsync<SynthRow>(datasetId, split, cancellationToken))
            {
                yield return Normalise(index++, row.Prompt, row.PromptId, row.Messages, row.Category);
            }
        }
        else
        {
            await foreach (CoverageRow row in store.ReadAsync<CoverageRow>(datasetId, split, cancellationToken))
            {
                yield return Normalise(index++, row.Prompt, row.PromptId, row.Messages, row.Category);
            }
        }
    }

    private static Item Normalise(int index, string prompt, string promptId, List<ChatTurn> messages, string category)
    {
        var (row, problem) = CoverageRowNormaliser.Normalise(prompt, promptId, messages, category);
        string shown = string.IsNullOrWhiteSpace(prompt) ? messages.FirstOrDefault(t => t.Role == "user")?.Content ?? "" : prompt;
        return new Item(index, promptId, row, problem, shown);
    }
}
