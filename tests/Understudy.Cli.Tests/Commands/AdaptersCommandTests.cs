using Understudy.Cli.Commands;
using Understudy.Cli.Hosting;
using Understudy.Engine.Adapters;
using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Cli.Tests.Commands;

public sealed class AdaptersCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("understudy-cli-adapters-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = UnderstudyRootCommand.Create();
        root.Subcommands.Add(AdaptersCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliRunner.RunAsync(root, args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    private static Tensor Logits(CausalLanguageModel model)
    {
        using var noGrad = no_grad();
        using var ids = tensor(new long[] { 1, 7, 3, 9, 12, 5 }).unsqueeze(0);
        return model.call(ModelInput.ForSequence(ids)).squeeze(0);
    }

    /// <summary>A tiny random base model and an adapter with a non-zero B, saved; returns base+adapter logits.</summary>
    private Tensor SaveBaseAndAdapter(string baseFolder, string adapterFolder)
    {
        var config = new ModelConfig
        {
            ModelType = "llama",
            HiddenSize = 16,
            IntermediateSize = 32,
            NumHiddenLayers = 2,
            NumAttentionHeads = 2,
            NumKeyValueHeads = 1,
            VocabSize = 40,
            TieWordEmbeddings = true,
            MaxPositionEmbeddings = 64,
        };
        using var model = ModelArchitectures.Create(config, CPU, ScalarType.Float32);
        ModelWeights.Randomize(model, 1, std: 0.2);
        CausalLanguageModels.Save(model, baseFolder);
        File.WriteAllText(Path.Combine(baseFolder, "tokenizer_config.json"), "{}");
        using var attached = LoraAdapters.Attach(model, new LoraSettings { Rank = 2, Alpha = 4, TargetModules = [LoraSettings.AllLinear] }, seed: 3);
        using (no_grad()) foreach (var layer in attached.Layers) layer.WeightB.normal_(0, 0.3);
        attached.Save(adapterFolder, baseFolder);
        return Logits(model);
    }

    [Fact]
    public async Task Merge_writes_a_full_model_that_gives_the_base_plus_adapter_logits()
    {
        string baseFolder = Path.Combine(_root, "base"), adapterFolder = Path.Combine(_root, "adapter"), output = Path.Combine(_root, "merged");
        using var expected = SaveBaseAndAdapter(baseFolder, adapterFolder);

        // --model is omitted: the adapter's base_model_name_or_path names the base folder.
        var (code, stdout, stderr) = await RunAsync("adapters", "merge", "--adapter", adapterFolder, "--output", output, "--torch-dtype", "float32");

        Assert.True(code == 0, stderr);
        Assert.Contains("merged 14 LoRA layer(s)", stdout);
        Assert.True(File.Exists(Path.Combine(output, "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(output, "tokenizer_config.json")));
        using var merged = CausalLanguageModels.Load(output);
        using var actual = Logits(merged);
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public async Task Merge_with_a_bad_adapter_folder_fails_with_the_reason()
    {
        string baseFolder = Path.Combine(_root, "base"), adapterFolder = Path.Combine(_root, "adapter");
        using var logits = SaveBaseAndAdapter(baseFolder, adapterFolder);
        File.Delete(Path.Combine(adapterFolder, "adapter_model.safetensors"));

        var (code, _, stderr) = await RunAsync("adapters", "merge", "--model", baseFolder, "--adapter", adapterFolder, "--output", Path.Combine(_root, "out"));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("adapter_model.safetensors", stderr);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }
}
