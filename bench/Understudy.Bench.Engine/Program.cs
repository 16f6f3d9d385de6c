using System.Diagnostics;
using Understudy.Bench.Engine;
using Understudy.Engine.Generation;
using Understudy.Engine.Kernels;
using Understudy.Engine.Models;
using static TorchSharp.torch;

// Engine speed at a realistic size: SmolLM2-135M's real config.json with random weights written and read back by our
// code. Reports prefill and decode tokens/s and batch-1 decode as a fraction of the memory-bandwidth bound measured
// in the same run (bound = bandwidth ÷ bytes of weights read per token).
string configPath = Arg("--config") ?? Path.Combine(
    Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS") ?? throw new ArgumentException("Pass --config PATH or set UNDERSTUDY_TEST_MODELS."),
    "smollm2-135m-instruct-meta", "config.json");
string dtypeName = Arg("--dtype") ?? "float32";
int decodeTokens = int.Parse(Arg("--decode-tokens") ?? "64");
int[] batches = (Arg("--batches") ?? "1,8,32").Split(',').Select(int.Parse).ToArray();
int[] prefillLengths = (Arg("--prefill") ?? "128,512").Split(',', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "none").Select(int.Parse).ToArray();
if (Arg("--threads") is string threads) set_num_threads(int.Parse(threads));
// Bytes of weights per kernel chunk at one input row (default 256 KB; --matvec and --paired-chunks compare sizes in one run).
if (Arg("--chunk-kb") is string chunkKb) MatVecJob.ChunkBytes = 1024 * int.Parse(chunkKb);
// Which decode paths to time, in turn: libtorch's (our kernels off), our per-op kernels (fused decoder layer off), and
// ours with the fused layer (the default path). `both` (the default) is libtorch and kernels.
string[] paths = (Arg("--paths") ?? "both") switch
{
    "both" => ["libtorch", "kernels"],
    "all" => ["libtorch", "ops", "kernels"],
    string list => list.Split(','),
};
if (paths.FirstOrDefault(p => p is not ("libtorch" or "ops" or "kernels")) is string unknown)
    throw new ArgumentException($"--paths: unknown path '{unknown}'; use libtorch, ops, kernels (comma-separated), both or all.");
static void Use(string path)
{
    SkinnyLinear.Enabled = path != "libtorch";
    DecoderLayerKernel.Enabled = path == "kernels";
}

var config = ModelConfig.Load(configPath);
ScalarType dtype = ModelLoadOptions.ParseDType(dtypeName);
if (Arg("--kernels") is string kernelRows)
{
    // Kernel micro-benchmark only: GEMV GB/s against the same run's triad.
    double triad = Math.Max(MemoryBandwidth.ManagedTriad(64 << 20, 5), MemoryBandwidth.TorchTriad(64 << 20, 5));
    Console.WriteLine($"memory bandwidth (triad, 768 MB): {triad / 1e9:F1} GB/s; torch threads: {get_num_threads()}, cores: {Environment.ProcessorCount}");
    KernelBench.Run(triad, kernelRows.Split(',').Select(int.Parse).ToArray());
    return;
}

if (Environment.GetCommandLineArgs().Contains("--handoff"))
{
    HandOffBench.Run();
    return;
}

if (Environment.GetCommandLineArgs().Contains("--matvec"))
{
    // One batch-1 decode step's matrix-vector products alone, against a read-only stream and the triad of this run.
    double triad = Math.Max(MemoryBandwidth.ManagedTriad(64 << 20, 5), MemoryBandwidth.TorchTriad(64 << 20, 5));
    Console.WriteLine($"memory bandwidth (triad, 768 MB): {triad / 1e9:F1} GB/s; torch threads: {get_num_threads()}, cores: {Environment.ProcessorCount}");
    MatVecPassBench.Run(config, triad, get_num_threads(), int.Parse(Arg("--rounds") ?? "15"));
    return;
}

string folder = Path.Combine(Path.GetTempPath(), "understudy-bench-" + Guid.NewGuid().ToString("N"));
if (Arg("--scheduler") is string concurrencyList)
{
    // Continuous batching: aggregate decode tokens/s at N concurrent sequences, as ratios against one.
    try
    {
        await SchedulerBenchSetup.RunAsync(config, configPath, dtypeName, dtype, folder, concurrencyList, decodeTokens, Arg("--tokenizer"));
    }
    finally
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
    return;
}
try
{
    using (var random = ModelArchitectures.Create(config, CPU, dtype))
    {
        ModelWeights.Randomize(random, seed: 1);
        CausalLanguageModels.Save(random, folder);
    }
    using var model = CausalLanguageModels.Load(folder, new ModelLoadOptions { TorchDtype = dtypeName });
    long parameters = model.parameters().Sum(p => p.numel());
    double weightBytes = parameters * (dtype == ScalarType.Float32 ? 4.0 : 2.0);

    Console.WriteLine($"shape: {configPath} ({config.ModelType}, hidden {config.HiddenSize}, {config.NumHiddenLayers} layers, vocab {config.VocabSize}), random weights, {dtypeName}");
    Console.WriteLine($"parameters: {parameters:N0} ({weightBytes / 1e6:F0} MB read per decode step); torch threads: {get_num_threads()}, cores: {Environment.ProcessorCount}");

    double managed = MemoryBandwidth.ManagedTriad(64 << 20, 5);
    double torchTriad = MemoryBandwidth.TorchTriad(64 << 20, 5);
    double bandwidth = Math.Max(managed, torchTriad);
    double bound = bandwidth / weightBytes;
    Console.WriteLine($"memory bandwidth (triad, 768 MB): managed {managed / 1e9:F1} GB/s, libtorch {torchTriad / 1e9:F1} GB/s → bound {bound:F1} tok/s at batch 1");

    var generator = new TokenGenerator(model);
    var random2 = new Random(3);
    int[] Prompt(int length) => [1, .. Enumerable.Range(0, length - 1).Select(_ => random2.Next(3, config.VocabSize))];
    double Time(int batch, int promptLength, int newTokens)
    {
        var requests = Enumerable.Range(0, batch)
            .Select(_ => new TokenGenerationRequest(Prompt(promptLength), new GenerationOptions { MaxNewTokens = newTokens })).ToArray();
        var watch = Stopwatch.StartNew();
        generator.Generate(requests);
        return watch.Elapsed.TotalSeconds;
    }

    Time(1, 16, 4);                                                     // warm-up
    foreach (int promptLength in prefillLengths)
    {
        double seconds = Enumerable.Range(0, 3).Min(_ => Time(1, promptLength, 1));
        Console.WriteLine($"prefill  batch 1, {promptLength,4} tokens: {promptLength / seconds,8:F0} tok/s");
    }
    // Each decode figure is measured on libtorch's path (our CPU kernels switched off) and on our kernels, in turn.
    foreach (int batch in batches)
    {
        foreach (string path in paths)
        {
            Use(path);
            // Warm-up on this path: the first calls of a method run unoptimised code until the JIT tiers it up.
            Time(batch, 16, decodeTokens + 1);
            double prefill = Enumerable.Range(0, 2).Min(_ => Time(batch, 16, 1));
            double total = Enumerable.Range(0, 2).Min(_ => Time(batch, 16, decodeTokens + 1));
            double perSecond = batch * decodeTokens / (total - prefill);
            string fraction = batch == 1 ? $"  = {perSecond / bound:P0} of the bandwidth bound" : "";
            Console.WriteLine($"decode   batch {batch,2}, {path,-8}: {perSecond,8:F1} tok/s ({1000 * (total - prefill) / decodeTokens:F1} ms/step){fraction}");
        }
    }
    // Bandwidth drifts by tens of percent within minutes on a shared VM, so the batch-1 fraction is also measured in
    // paired rounds: a triad, then a decode right after it, the ratio taken within each pair; the median is reported.
    int pairedRounds = int.Parse(Arg("--paired-rounds") ?? "5");
    // --paired-chunks 64,256 alternates kernel chunk sizes (KB) within each round: an A/B in one process.
    int[] chunkSizes = (Arg("--paired-chunks") ?? (MatVecJob.ChunkBytes / 1024).ToString()).Split(',').Select(int.Parse).ToArray();
    if (batches.Contains(1) && pairedRounds > 0 && paths.Contains("kernels"))
    {
        Use("kernels");
        int defaultChunkBytes = MatVecJob.ChunkBytes;
        var fractions = chunkSizes.ToDictionary(size => size, _ => new List<(double Fraction, double TokensPerSecond)>());
        for (int round = 0; round < pairedRounds; round++)
        {
            foreach (int size in chunkSizes)
            {
                MatVecJob.ChunkBytes = size * 1024;
                double triad = Math.Max(MemoryBandwidth.ManagedTriad(64 << 20, 5), MemoryBandwidth.TorchTriad(64 << 20, 5));
                double seconds = Time(1, 16, decodeTokens + 1) - Time(1, 16, 1);
                double perSecond = decodeTokens / seconds;
                fractions[size].Add((perSecond / (triad / weightBytes), perSecond));
            }
        }
        MatVecJob.ChunkBytes = defaultChunkBytes;
        foreach (int size in chunkSizes)
        {
            var sorted = fractions[size].OrderBy(f => f.Fraction).ToArray();
            string chunks = chunkSizes.Length > 1 ? $", {size} KB chunks" : "";
            Console.WriteLine($"decode   batch  1, kernels : paired with its own triad over {pairedRounds} rounds{chunks}: median {sorted[pairedRounds / 2].Fraction:P0} " +
                $"of the bound (range {sorted[0].Fraction:P0}–{sorted[^1].Fraction:P0}), median {fractions[size].Select(f => f.TokensPerSecond).Order().ElementAt(pairedRounds / 2):F1} tok/s");
        }
    }

    // Fixed per-step cost: the same layer count at tiny widths, where arithmetic and memory traffic are negligible,
    // so its decode step time is the per-token cost of launching the ops.
    var probeConfig = config with { HiddenSize = 64, IntermediateSize = 128, NumAttentionHeads = 4, NumKeyValueHeads = 2, HeadDim = null, VocabSize = 512 };
    using (var probe = ModelArchitectures.Create(probeConfig, CPU, dtype))
    {
        ModelWeights.Randomize(probe, seed: 2);
        var probeGenerator = new TokenGenerator(probe);
        double ProbeTime(int newTokens) => Enumerable.Range(0, 3).Min(_ =>
        {
            var watch = Stopwatch.StartNew();
            probeGenerator.Generate([new TokenGenerationRequest([1, 5, 9], new GenerationOptions { MaxNewTokens = newTokens })]);
            return watch.Elapsed.TotalSeconds;
        });
        foreach (string path in paths)
        {
            Use(path);
            double step = (ProbeTime(decodeTokens + 1) - ProbeTime(1)) / decodeTokens;
            Console.WriteLine($"op overhead probe ({config.NumHiddenLayers} layers, hidden 64), {path,-8}: {1000 * step:F2} ms/step of fixed cost per decode step");
        }
    }
}
finally
{
    if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
}

static string? Arg(string name)
{
    string[] args = Environment.GetCommandLineArgs();
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
