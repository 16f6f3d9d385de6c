using Understudy.Engine.ChatTemplates;

namespace Understudy.Engine.Training;

/// <summary>One row of a training batch: a single example, or several packed end to end (never attending to each other).</summary>
/// <param name="Examples">The examples, in order; their lengths sum to at most the maximum sequence length.</param>
public sealed record TrainingRow(IReadOnlyList<ChatTrainingExample> Examples)
{
    /// <summary>Tokens in the row.</summary>
    public int Length => Examples.Sum(e => e.InputIds.Count);

    /// <summary>
    /// The rows of a data set: one per example, or with <paramref name="packing"/> examples packed first-fit (in a
    /// seeded shuffled order, so packs mix sources) into rows of at most <paramref name="maxLength"/> tokens.
    /// </summary>
    public static IReadOnlyList<TrainingRow> Build(IReadOnlyList<ChatTrainingExample> examples, bool packing, int maxLength, long seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!packing) return examples.Select(e => new TrainingRow([e])).ToList();

        var order = Enumerable.Range(0, examples.Count).ToArray();
        new Random(unchecked((int)seed)).Shuffle(order);
        var rows = new List<List<ChatTrainingExample>>();
        var free = new List<int>();
        foreach (int index in order)
        {
            ChatTrainingExample example = examples[index];
            int length = example.InputIds.Count;
            int slot = free.FindIndex(space => space >= length);
            if (slot < 0)
            {
                rows.Add([example]);
                free.Add(maxLength - length);
            }
            else
            {
                rows[slot].Add(example);
                free[slot] -= length;
            }
        }
        return rows.Select(r => new TrainingRow(r)).ToList();
    }
}
