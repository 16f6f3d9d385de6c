namespace Understudy.Engine.Tokenization.Models;

/// <summary>
/// The merge loop of HF <c>tokenizers</c>' <c>Word::merge_all</c>: a priority queue of candidate pairs ordered by
/// (rank, position), symbols in a linked list, stale queue entries skipped. O(n log n) even for whole-text words.
/// </summary>
internal static class BpeMerger
{
    public static int[] MergeAll(List<int> symbols, Dictionary<(int Left, int Right), (int Rank, int MergedId)> merges)
    {
        int count = symbols.Count;
        if (count < 2) return [.. symbols];

        int[] ids = [.. symbols];
        var previous = new int[count];
        var next = new int[count];
        var removed = new bool[count];
        for (int i = 0; i < count; i++)
        {
            previous[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
        }

        var queue = new PriorityQueue<(int Position, int MergedId), (int Rank, int Position)>();
        for (int i = 0; i + 1 < count; i++)
        {
            if (merges.TryGetValue((ids[i], ids[i + 1]), out var merge)) queue.Enqueue((i, merge.MergedId), (merge.Rank, i));
        }

        while (queue.TryDequeue(out var top, out _))
        {
            int position = top.Position;
            if (removed[position] || next[position] < 0) continue;
            int right = next[position];
            if (!merges.TryGetValue((ids[position], ids[right]), out var current) || current.MergedId != top.MergedId) continue;

            ids[position] = top.MergedId;
            removed[right] = true;
            next[position] = next[right];
            if (next[right] >= 0) previous[next[right]] = position;

            if (previous[position] >= 0 && merges.TryGetValue((ids[previous[position]], ids[position]), out var left))
                queue.Enqueue((previous[position], left.MergedId), (left.Rank, previous[position]));
            if (next[position] >= 0 && merges.TryGetValue((ids[position], ids[next[position]]), out var after))
                queue.Enqueue((position, after.MergedId), (after.Rank, position));
        }

        var result = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            if (!removed[i]) result.Add(ids[i]);
        }
        return [.. result];
    }
}
