using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;

// Writes and reads the same evaluation rows through the Parquet store (appended in batches, as pipelines do) and
// through a JSON Lines file (the baseline, measured in the same run), and prints the time ratios and file sizes.
int rowCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
const int batchSize = 500;
var rows = Enumerable.Range(0, rowCount).Select(MakeRow).ToList();
string root = Path.Combine(Path.GetTempPath(), "understudy-bench-" + Guid.NewGuid().ToString("N"));
try
{
    var results = new List<(string Name, double StoreMs, double JsonlMs)>();
    for (int round = 0; round < 4; round++)
    {
        string folder = Path.Combine(root, round.ToString(CultureInfo.InvariantCulture));
        var store = new ParquetDatasetStore(Path.Combine(folder, "store"));
        string jsonl = Path.Combine(folder, "rows.jsonl");
        Directory.CreateDirectory(folder);

        double storeWrite = await Time(async () =>
        {
            for (int start = 0; start < rows.Count; start += batchSize)
            {
                await store.AppendAsync("bench", "test", rows.GetRange(start, Math.Min(batchSize, rows.Count - start)), DatasetProvenance.Manual("bench"));
            }
        });
        double jsonlWrite = await Time(async () =>
        {
            await using var writer = new StreamWriter(jsonl);
            for (int start = 0; start < rows.Count; start += batchSize)
            {
                foreach (EvaluationRow row in rows.GetRange(start, Math.Min(batchSize, rows.Count - start)))
                {
                    await writer.WriteLineAsync(JsonSerializer.Serialize(row));
                }
                await writer.FlushAsync();
                ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
            }
        });
        double storeRead = await Time(async () => Check(await store.ReadAsync<EvaluationRow>("bench", "test").CountAsync()));
        double libraryRead = await Time(async () =>
        {
            int count = 0;
            foreach (string part in store.GetPartFiles("bench", "test"))
            {
                count += (await Parquet.Serialization.ParquetSerializer.DeserializeAsync<EvaluationRow>(part)).Data.Count;
            }
            Check(count);
        });
        double jsonlRead = await Time(async () =>
            Check((await File.ReadAllLinesAsync(jsonl)).Select(line => JsonSerializer.Deserialize<EvaluationRow>(line)!).Count()));
        if (round == 0)
        {
            long storeBytes = Directory.EnumerateFiles(store.RootPath, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"{rowCount} evaluation rows, batches of {batchSize}: Parquet parts {storeBytes / 1024} KiB, JSONL {new FileInfo(jsonl).Length / 1024} KiB " +
                $"(size ratio {(double)storeBytes / new FileInfo(jsonl).Length:0.00})");
            continue; // warm-up round
        }
        results.Add(("append (durable per batch)", storeWrite, jsonlWrite));
        results.Add(("read typed rows", storeRead, jsonlRead));
        results.Add(("  of which Parquet.Net alone", libraryRead, jsonlRead));
    }
    foreach (var group in results.GroupBy(r => r.Name))
    {
        double store = Median(group.Select(r => r.StoreMs));
        double baseline = Median(group.Select(r => r.JsonlMs));
        Console.WriteLine($"{group.Key,-28} store {store,8:0.0} ms   jsonl baseline {baseline,8:0.0} ms   ratio {store / baseline:0.00}");
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

void Check(int count)
{
    if (count != rowCount)
    {
        throw new InvalidOperationException($"read {count} rows, expected {rowCount}");
    }
}

static async Task<double> Time(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static EvaluationRow MakeRow(int index) => new()
{
    PromptId = RowId.FromContent(index.ToString(CultureInfo.InvariantCulture)),
    RepeatIndex = index % 3,
    Instructions = $"Summarise ticket {index}: the customer cannot log in after the password reset and asks for help.",
    TargetResponses = "Category: account access. Priority: high. Next step: send the reset link again.",
    CandidateResponses = $"Category: account access. Priority: {(index % 2 == 0 ? "high" : "medium")}. Next step: reset.",
    ModelId = "tiny-llama",
    ModelSha = "0123456789abcdef",
    Category = index % 5 == 0 ? "billing" : "access",
    EvalPrompts = ["judge prompt one", "judge prompt two"],
    SimilarityScores = [80 + index % 20, index % 7 == 0 ? null : 90],
    PrecisionScores = [70, 75],
    Evaluators = ["judge", "judge"],
    Dates = ["2026-11-23", "2026-11-23"],
    JudgeReasons = ["close enough", "priority differs"],
    JudgeRawTexts = ["{\"similarity\": 80}", "{\"similarity\": 90}"],
    ParseStatuses = ["ok", "ok"],
    LatenciesMs = [1200, 900],
    InputTokens = [420, 421],
    OutputTokens = [30, 31],
};
