using Understudy.Engine.Adapters;
using Understudy.Engine.Models;
using Understudy.Pipelines.BatchInference;
using static TorchSharp.torch;

namespace Understudy.Pipelines.Tests.BatchInference;

/// <summary>batch-infer with <c>ft_model_adapter</c>: base + LoRA adapter on the built-in engine.</summary>
public sealed class AdapterBatchInferenceTests : IDisposable
{
    private readonly string _adapter = Directory.CreateTempSubdirectory("understudy-adapter-").FullName;

    public void Dispose() => Directory.Delete(_adapter, recursive: true);

    [Fact]
    public async Task An_adapter_with_an_endpoint_is_refused_with_what_to_do_instead()
    {
        var config = new BatchInferenceConfig { FtModelId = "m", FtModelBaseUrl = "http://127.0.0.1:9/v1/", FtModelAdapter = _adapter };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new EndpointModelClientResolver(_ => throw new InvalidOperationException("no client should be created")).ResolveAsync(config, TestContext.Current.CancellationToken));

        Assert.Contains("ft_model_adapter", error.Message);
        Assert.Contains("--lora-modules", error.Message);
    }

    [Fact]
    public async Task The_adapter_is_merged_at_load_and_named_in_model_sha()
    {
        string? models = Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS");
        if (string.IsNullOrEmpty(models)) Assert.Skip("UNDERSTUDY_TEST_MODELS is not set; real-model tests are skipped.");
        string baseFolder = Path.Combine(models, "stories260K-hf");
        using (var model = CausalLanguageModels.Load(baseFolder))
        using (var attached = LoraAdapters.Attach(model, new LoraSettings { Rank = 2, TargetModules = ["q_proj", "v_proj"] }, seed: 1))
        {
            using (no_grad()) foreach (var layer in attached.Layers) layer.WeightB.normal_(0, 0.5);
            attached.Save(_adapter, baseFolder);
        }
        var resolver = new LocalEngineModelClientResolver();
        var plain = new BatchInferenceConfig { FtModelId = baseFolder, TestDsId = "t", LmResponseDsId = "o" };
        var adapted = new BatchInferenceConfig { FtModelId = baseFolder, TestDsId = "t", LmResponseDsId = "o", FtModelAdapter = _adapter };

        ModelClient baseClient = await resolver.ResolveAsync(plain, TestContext.Current.CancellationToken);
        ModelClient adaptedClient = await resolver.ResolveAsync(adapted, TestContext.Current.CancellationToken);
        using (baseClient.Client)
        using (adaptedClient.Client)
        {
            Assert.StartsWith(baseClient.ModelSha + "+adapter:sha256:", adaptedClient.ModelSha);
        }
    }
}
