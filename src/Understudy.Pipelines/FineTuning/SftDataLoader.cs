using Understudy.Core.Configuration;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Import;

namespace Understudy.Pipelines.FineTuning;

/// <summary>
/// Reads <c>dataset_mixer</c> × <c>dataset_splits</c> as the alignment-handbook does: from each dataset, the splits
/// whose name contains "train" give training data, of which the dataset's fraction is sampled (a seeded random
/// subset, not the first rows); splits containing "test" give eval data, all of it. A dataset is an id of the
/// workspace store or a JSONL/JSON/Parquet file with a <c>messages</c> column.
/// </summary>
public sealed class SftDataLoader(IDatasetStore store)
{
    private static readonly string[] FileExtensions = [".jsonl", ".json", ".parquet"];

    /// <summary>Loads the run's conversations.</summary>
    public async Task<SftData> LoadAsync(SftConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.DatasetMixer.Count == 0)
            throw new ConfigException("dataset_mixer: name at least one dataset with the fraction of its train split to use, e.g. {my-coverage: 1.0}.");
        var train = new List<SftConversation>();
        var eval = new List<SftConversation>();
        var sources = new List<string>();
        var notes = new List<string>();
        foreach (var (dataset, fraction) in config.DatasetMixer)
        {
            if (fraction is <= 0 or > 1)
                throw new ConfigException($"dataset_mixer.{dataset}: the fraction must be in (0, 1], got {fraction}.");
            foreach (string split in config.DatasetSplits)
            {
                bool isTrain = split.Contains("train", StringComparison.Ordinal);
                if (!isTrain && !split.Contains("test", StringComparison.Ordinal))
                    throw new ConfigException($"dataset_splits: '{split}' contains neither 'train' nor 'test', so it is unclear what it is for.");
                var rows = await ReadAsync(dataset, split, isTrain, notes, cancellationToken);
                if (rows is null) continue;
                var used = isTrain ? Sample(rows, fraction, config.Seed, dataset) : rows;
                (isTrain ? train : eval).AddRange(used);
                sources.Add($"{dataset}:{split} ({used.Count}/{rows.Count} rows)");
            }
        }
        if (train.Count == 0)
            throw new ConfigException($"dataset_mixer/dataset_splits select no training rows (read: {(sources.Count == 0 ? "nothing" : string.Join(", ", sources))}).");
        return new SftData(train, eval, sources, notes);
    }

    /// <summary>⌈fraction × n⌉ rows chosen by a seeded shuffle (stable across runs and machines), kept in their original order.</summary>
    public static List<SftConversation> Sample(IReadOnlyList<SftConversation> rows, double fraction, int seed, string dataset)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int count = Math.Min(rows.Count, (int)Math.Ceiling(fraction * rows.Count - 1e-9));
        if (count == rows.Count) return rows.ToList();
        var order = Enumerable.Range(0, rows.Count).ToArray();
        new Random(unchecked(seed * 31 + StableHash(dataset)) & int.MaxValue).Shuffle(order);
        return order.Take(count).Order().Select(i => rows[i]).ToList();
    }

    private async Task<List<SftConversation>?> ReadAsync(string dataset, string split, bool isTrain, List<string> notes, CancellationToken cancellationToken)
    {
        if (!FileExtensions.Any(e => dataset.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            DatasetInfo info = await store.GetAsync(dataset, cancellationToken)
                ?? throw new ConfigException($"dataset_mixer: no dataset '{dataset}' in the workspace store (see `understudy datasets list`), and it is not a .jsonl/.json/.parquet file.");
            if (info.Splits.All(s => s.Name != split))
            {
                string available = string.Join(", ", info.Splits.Select(s => s.Name));
                if (isTrain) throw new ConfigException($"dataset_splits: dataset '{dataset}' has no split '{split}' (it has: {available}).");
                notes.Add($"{dataset} has no split '{split}' (it has: {available}); no eval data from it.");
                return null;
            }
            var rows = new List<SftConversation>();
            int index = 0;
            await foreach (var row in store.ReadAsync<CoverageRow>(dataset, split, cancellationToken))
                rows.Add(new SftConversation($"{dataset}:{split} row {index++}", row.Messages));
            return rows;
        }

        bool perSplit = dataset.Contains("{split}", StringComparison.Ordinal);
        if (!perSplit && !isTrain)
        {
            notes.Add($"{dataset} has no splits (put '{{split}}' in the file name to read a test split from a file); no eval data from it.");
            return null;
        }
        string path = dataset.Replace("{split}", split, StringComparison.Ordinal);
        if (!File.Exists(path))
        {
            if (isTrain) throw new ConfigException($"dataset_mixer: the file '{path}' does not exist.");
            notes.Add($"{path} does not exist; no eval data from it.");
            return null;
        }
        var conversations = new List<SftConversation>();
        await foreach (var record in DatasetImporter.ReadRecords(path, DatasetFileFormat.Auto, cancellationToken))
        {
            if (record.ReadError is not null) throw new InvalidDataException($"{record.Location}: {record.ReadError}");
            if (!record.Fields.TryGetValue("messages", out object? value))
                throw new InvalidDataException($"{record.Location}: no 'messages' column (columns: {string.Join(", ", record.Fields.Keys)}); fine-tuning reads chat conversations in the Hugging Face messages format.");
            var (messages, problem) = ChatMessagesParser.Parse(value, "messages");
            if (messages is null) throw new InvalidDataException($"{record.Location}: {problem}");
            conversations.Add(new SftConversation(record.Location, messages));
        }
        return conversations;
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            uint hash = 2166136261;
            foreach (char c in text) hash = (hash ^ c) * 16777619;
            return (int)hash;
        }
    }
}
