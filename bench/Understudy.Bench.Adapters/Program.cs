using System.Diagnostics;
using Understudy.Engine.Adapters;
using Understudy.Engine.Models;
using Understudy.Engine.Quantization;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

// LoRA forward+backward speed and base-weight memory at a realistic size: SmolLM2-135M's real config.json with random
// weights. LoRA r=16 on all linear layers; the base is float32, int8 or NF4 (group 64). Reports tokens/s of one
// forward+backward pass (no optimizer: that is the trainer's) and linear-weight bytes, as ratios to the float32 base
// measured in the same run.
string configPath = Arg("--config") ?? Path.Combine(
    Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS") ?? throw new ArgumentException("Pass --config PATH or set UNDERSTUDY_TEST_MODELS."),
    "smollm2-135m-instruct-meta", "config.json");
int[] lengths = (Arg("--lengths") ?? "128,512").Split(',').Select(int.Parse).ToArray();
int iterations = int.Parse(Arg("--iterations") ?? "3");
if (Arg("--threads") is string threads) set_num_threads(int.Parse(threads));
var config = ModelConfig.Load(configPath);
Console.WriteLine($"shape: {configPath} ({config.ModelType}, {config.NumHiddenLayers} layers, hidden {config.HiddenSize}); " +
    $"LoRA r=16 all-linear; batch 1; {iterations} timed passes; torch threads {get_num_threads()}");

var results = new List<(string Base, int Length, double TokensPerSecond, long LinearBytes)>();
foreach (int? bits in new int?[] { null, 8, 4 })
{
    using var model = ModelArchitectures.Create(config, CPU, ScalarType.Float32);
    ModelWeights.Randomize(model, seed: 1);
    long linearBytes = LoraTargets.All(model).Sum(t => ((TorchSharp.Modules.Linear)t.Host.GetProjection(t.SlotName)).weight!.numel() * 4);
    if (bits is int b) linearBytes = WeightQuantizer.QuantizeFrozenLinears(model, new QuantizationSettings { Bits = b, GroupSize = 64 }).BytesAfter;
    using var lora = LoraAdapters.Attach(model, new LoraSettings { Rank = 16, Alpha = 32, Dropout = 0.05, TargetModules = [LoraSettings.AllLinear] }, seed: 1);
    lora.SetTrainingMode(true);
    string name = bits is null ? "float32" : bits == 8 ? "int8" : "nf4";
    foreach (int length in lengths)
    {
        using var ids = randint(3, config.VocabSize, [1, length], dtype: ScalarType.Int64, generator: new Generator(7));
        Step(model, ids, lora);                                                    // warm-up
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++) Step(model, ids, lora);
        double tokensPerSecond = (double)length * iterations / watch.Elapsed.TotalSeconds;
        results.Add((name, length, tokensPerSecond, linearBytes));
        Console.WriteLine($"{name,-8} seq {length,4}: {tokensPerSecond,8:F1} tokens/s (fwd+bwd), linear weights {linearBytes / 1e6:F1} MB");
    }
}

Console.WriteLine();
Console.WriteLine("base     seq   speed vs float32   linear-weight memory vs float32");
foreach (var r in results)
{
    var reference = results.First(x => x.Base == "float32" && x.Length == r.Length);
    Console.WriteLine($"{r.Base,-8} {r.Length,4}   {r.TokensPerSecond / reference.TokensPerSecond,8:F2}x          {(double)r.LinearBytes / reference.LinearBytes,6:P1}");
}

static void Step(CausalLanguageModel model, Tensor ids, AttachedLora lora)
{
    using var scope = NewDisposeScope();
    Tensor logits = model.call(ModelInput.ForSequence(ids)).squeeze(0);
    Tensor loss = F.cross_entropy(logits[..^1], ids.squeeze(0)[1..]);
    loss.backward();
    foreach (var (_, parameter) in lora.TrainableParameters) parameter.grad?.zero_();
}

static string? Arg(string name)
{
    string[] args = Environment.GetCommandLineArgs();
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
