using Understudy.Engine.Inference;
using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Bench.Engine;

/// <summary>Writes the random-weight checkpoint with a real tokenizer beside it and runs <see cref="SchedulerBench"/>.</summary>
internal static class SchedulerBenchSetup
{
    public static async Task RunAsync(ModelConfig config, string configPath, string dtypeName, ScalarType dtype, string folder,
        string concurrencyList, int decodeTokens, string? tokenizerPath)
    {
        tokenizerPath ??= Path.Combine(Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS") ?? "", "tokenizers", "smollm2", "tokenizer.json");
        if (!File.Exists(tokenizerPath))
            throw new FileNotFoundException($"The scheduler benchmark decodes text with a real tokenizer: {tokenizerPath} is missing (pass --tokenizer PATH).");
        using (var random = ModelArchitectures.Create(config, CPU, dtype))
        {
            ModelWeights.Randomize(random, seed: 1);
            CausalLanguageModels.Save(random, folder);
        }
        File.Copy(tokenizerPath, Path.Combine(folder, "tokenizer.json"));
        using var model = LocalModel.Load(folder, new LocalModelOptions { TorchDtype = dtypeName, ModelId = "bench" });
        Console.WriteLine($"shape: {configPath} ({config.ModelType}, hidden {config.HiddenSize}, {config.NumHiddenLayers} layers), random weights, {dtypeName}; " +
            $"torch threads: {get_num_threads()}, cores: {Environment.ProcessorCount}");
        int[] concurrencies = concurrencyList.Split(',').Select(int.Parse).ToArray();
        await SchedulerBench.RunAsync(model, concurrencies, decodeTokens, promptTokens: 16, repeats: 3);
    }
}
