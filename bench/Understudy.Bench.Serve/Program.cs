using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using Understudy.Bench.Serve;
using Understudy.Engine.Inference;
using Understudy.Engine.Scheduling;
using Understudy.Server.Hosting;
using Understudy.Server.Security;

// Load test of `understudy serve` at SmolLM2-135M's real config.json with random weights (written by our code) and the
// real SmolLM2 tokenizer. For 1, 4, 16 and 64 concurrent streaming clients it reports aggregate tokens/s, TTFT and
// time per output token (p50/p90/p99), with a same-run baseline: the same clients calling the engine in-process
// (no HTTP). Then a burst of 10x the queue capacity: how many got 429, whether the server stayed healthy, and the
// latency of the admitted requests.
string models = Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS") ?? "";
string configPath = Arg("--config") ?? Path.Combine(models, "smollm2-135m-instruct-meta", "config.json");
string tokenizerPath = Arg("--tokenizer") ?? Path.Combine(models, "tokenizers", "smollm2", "tokenizer.json");
if (!File.Exists(configPath) || !File.Exists(tokenizerPath))
    throw new ArgumentException("Pass --config and --tokenizer, or set UNDERSTUDY_TEST_MODELS to the shared models folder.");
int[] levels = (Arg("--clients") ?? "1,4,16,64").Split(',').Select(int.Parse).ToArray();
int maxTokens = int.Parse(Arg("--max-tokens") ?? "32");
int maxBatch = int.Parse(Arg("--max-batch-size") ?? "16");
int maxQueued = int.Parse(Arg("--max-queued") ?? "16");
if (Arg("--threads") is string threads) TorchSharp.torch.set_num_threads(int.Parse(threads));

string folder = BenchModel.Write(configPath, tokenizerPath);
try
{
    using var model = LocalModel.Load(folder, new LocalModelOptions { ModelId = "smollm2-135m-random" });
    // The bounded queue under test is the server's (admission); the scheduler's own queue is left roomy so the in-process
    // baseline and the server's in-engine requests never hit it (a finished stream frees its slot a step later).
    using var served = ServedModel.FromLocalModel(model, new SchedulerOptions { MaxBatchSize = maxBatch, MaxQueued = 1024 });
    string key = ApiKeyStore.NewKey();
    Console.WriteLine($"shape: {configPath} ({model.Model.Config.ModelType}, hidden {model.Model.Config.HiddenSize}, {model.Model.Config.NumHiddenLayers} layers), random weights, float32");
    Console.WriteLine($"max batch {maxBatch}; torch threads {TorchSharp.torch.get_num_threads()}, cores {Environment.ProcessorCount}; {maxTokens} tokens per answer");

    await using (var server = await UnderstudyServer.StartAsync(served, Options(key, maxBatch + maxQueued, 1024)))
    {
        using var http = Client(server, key);
        var probe = new StreamingProbe(http, served.Id, maxTokens);
        await probe.RunAsync("warm up", CancellationToken.None);
        Console.WriteLine("clients | server tok/s | in-process tok/s | ratio | TTFT p50/p90/p99 ms      | TPOT p50/p90/p99 ms");
        foreach (int clients in levels)
        {
            int perClient = clients <= 4 ? 2 : 1;
            var clock = Stopwatch.StartNew();
            var results = (await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                var mine = new List<ProbeResult>();
                for (int r = 0; r < perClient; r++) mine.Add(await probe.RunAsync(Question(c, r), CancellationToken.None));
                return mine;
            })))).SelectMany(r => r).ToList();
            double serverRate = results.Sum(r => r.Tokens) / clock.Elapsed.TotalSeconds;
            double baseline = await InProcessTokensPerSecondAsync(served.Chat, clients, perClient, maxTokens, maxBatch + maxQueued);
            if (results.Count(r => r.Status != 200) is int failed and > 0) Console.WriteLine($"  ({failed} of {results.Count} requests were not answered 200)");
            Console.WriteLine($"{clients,7} | {serverRate,12:F1} | {baseline,16:F1} | {serverRate / baseline,5:F2} | {Percentiles.Ms([.. results.Select(r => r.TimeToFirstToken)])} | {Percentiles.Ms([.. results.Select(r => r.TimePerOutputToken)])}");
        }
    }

    int capacity = maxBatch + maxQueued;
    await using (var server = await UnderstudyServer.StartAsync(served, Options(key, maxBatch, maxQueued)))
    {
        using var http = Client(server, key);
        var probe = new StreamingProbe(http, served.Id, maxTokens);
        var clock = Stopwatch.StartNew();
        var burst = await Task.WhenAll(Enumerable.Range(0, 10 * capacity).Select(i => Task.Run(() => probe.RunAsync(Question(i, 0), CancellationToken.None))));
        var admitted = burst.Where(r => r.Status == 200).ToList();
        bool healthy = (await http.GetAsync("/health")).IsSuccessStatusCode;
        Console.WriteLine($"burst: {burst.Length} requests at once against capacity {capacity} ({maxBatch} running + {maxQueued} queued) in {clock.Elapsed.TotalSeconds:F1} s: "
            + $"{admitted.Count} admitted, {burst.Count(r => r.Status == 429)} x 429, {burst.Count(r => r.Status is not (200 or 429))} other; healthy after: {healthy}");
        Console.WriteLine($"burst admitted: end-to-end p50/p90/p99 {Percentiles.Ms([.. admitted.Select(r => r.Total)])} ms, max {admitted.Max(r => r.Total) * 1000:F0} ms; "
            + $"TTFT p50/p90/p99 {Percentiles.Ms([.. admitted.Select(r => r.TimeToFirstToken)])} ms; 429s answered in p99 {Percentiles.Of([.. burst.Where(r => r.Status == 429).Select(r => r.Total)], 99) * 1000:F0} ms");
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static ServerOptions Options(string key, int running, int queued) => new()
{
    Port = 0,
    ApiKeys = new ApiKeyStore([key]),
    MaxConcurrentRequests = running,
    MaxQueuedRequests = queued,
};

static HttpClient Client(UnderstudyServer server, string key)
{
    var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2048 })
    {
        BaseAddress = new Uri(server.BaseUrl.GetLeftPart(UriPartial.Authority)),
        Timeout = TimeSpan.FromMinutes(30),
    };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    return http;
}

static string Question(int client, int round) =>
    $"Ticket {client}-{round}: my order #{1000 + client} arrived damaged and the replacement never shipped. What priority is this and which team handles it?";

// The same load on the engine without HTTP: each client streams its answers straight from the chat client, at most
// `inEngine` at once (the server's --max-concurrent), so the scheduler's bounded queue is respected as the server does.
static async Task<double> InProcessTokensPerSecondAsync(IChatClient chat, int clients, int perClient, int maxTokens, int inEngine)
{
    var options = new ChatOptions { MaxOutputTokens = maxTokens, Temperature = 0 };
    using var gate = new SemaphoreSlim(inEngine);
    var clock = Stopwatch.StartNew();
    long[] tokens = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        long total = 0;
        for (int r = 0; r < perClient; r++)
        {
            var messages = new List<ChatMessage> { new(ChatRole.System, "You triage support tickets."), new(ChatRole.User, Question(c, r)) };
            await gate.WaitAsync();
            try
            {
                await foreach (var update in chat.GetStreamingResponseAsync(messages, options))
                    total += update.Contents.OfType<UsageContent>().Sum(u => u.Details.OutputTokenCount ?? 0);
            }
            finally
            {
                gate.Release();
            }
        }
        return total;
    })));
    return tokens.Sum() / clock.Elapsed.TotalSeconds;
}

static string? Arg(string name)
{
    string[] args = Environment.GetCommandLineArgs();
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
