using System.Text.Json;
using Understudy.Core.Datasets;
using Understudy.Engine.Adapters;
using Understudy.Engine.Inference;
using Understudy.Pipelines.FineTuning;
using Understudy.Pipelines.Tests.Fakes;
using Understudy.Testing.Models;

namespace Understudy.Pipelines.Tests.FineTuning;

public sealed class FineTuningPipelineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("understudy-sft-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string BaseModel()
    {
        string folder = Path.Combine(_root, "base");
        if (!Directory.Exists(folder)) TinyChatModel.Write(folder);
        return folder;
    }

    private static List<CoverageRow> Rows(int count, string prefix) => Enumerable.Range(0, count).Select(i => new CoverageRow
    {
        Prompt = $"{prefix} {i}",
        Messages = [new ChatTurn("user", $"{prefix} {i}"), new ChatTurn("assistant", $"ok {i % 3}")],
    }).ToList();

    private async Task<InMemoryDatasetStore> StoreAsync()
    {
        var store = new InMemoryDatasetStore();
        await store.WriteAsync("tickets", "train", Rows(16, "ticket"), DatasetProvenance.Manual("test"), TestContext.Current.CancellationToken);
        await store.WriteAsync("tickets", "test", Rows(4, "held out"), DatasetProvenance.Manual("test"), TestContext.Current.CancellationToken);
        return store;
    }

    private SftConfig Config(bool usePeft) => new()
    {
        ModelNameOrPath = BaseModel(),
        UsePeft = usePeft,
        LoraR = 4,
        LoraAlpha = 8,
        LoraTargetModules = ["q_proj", "v_proj"],
        DatasetMixer = new() { ["tickets"] = 0.5 },
        LearningRate = 5e-3,
        LrSchedulerType = "linear",
        WarmupRatio = 0,
        NumTrainEpochs = 2,
        PerDeviceTrainBatchSize = 4,
        LoggingSteps = 1,
        EvalStrategy = "epoch",
        SaveSteps = 2,
        MaxSeqLength = 64,
        OutputDir = Path.Combine(_root, usePeft ? "lora" : "full"),
    };

    [Fact]
    public async Task A_full_fine_tune_samples_the_mix_trains_and_leaves_a_servable_model()
    {
        var store = await StoreAsync();
        var config = Config(usePeft: false);

        var result = await new FineTuningPipeline(store, ResolveLocal).RunAsync(config, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(8, result.TrainExamples);
        Assert.Equal(4, result.EvalExamples);
        Assert.Equal(4, result.Steps);                 // 8 rows / batch 4 × 2 epochs
        Assert.Null(result.AdapterDir);
        Assert.Equal(2, result.EvalLoss.Count);
        Assert.True(result.TrainLoss[^1].Loss < result.TrainLoss[0].Loss, "the loss falls");
        Assert.True(result.TrainedTokens > 0);
        using var model = LocalModel.Load(result.ModelDir!);
        Assert.NotNull(model.ChatFormatter);
        Assert.True(File.Exists(Path.Combine(config.OutputDir, FineTuningPipeline.ResultFileName)));

        var again = await new FineTuningPipeline(store, ResolveLocal).RunAsync(config, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(result.Steps, again.Steps);
        Assert.Contains(again.Notes, n => n.Contains("finished run"));
    }

    [Fact]
    public async Task A_lora_fine_tune_writes_a_peft_adapter_and_a_merged_model_and_can_continue_from_it()
    {
        var store = await StoreAsync();
        var config = Config(usePeft: true);

        var result = await new FineTuningPipeline(store, ResolveLocal).RunAsync(config, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(config.OutputDir, result.AdapterDir);
        using (var adapterConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.AdapterDir!, PeftAdapterConfig.FileName))))
        {
            Assert.Equal("LORA", adapterConfig.RootElement.GetProperty("peft_type").GetString());
            Assert.Equal(4, adapterConfig.RootElement.GetProperty("r").GetInt32());
        }
        Assert.True(result.TrainableParameters < 2000, $"{result.TrainableParameters} adapter parameters");
        using (var merged = LocalModel.Load(result.ModelDir!)) Assert.NotNull(merged.ChatFormatter);

        var next = await new FineTuningPipeline(store, ResolveLocal).RunAsync(
            With(Config(usePeft: true), c => { c.Adapter = result.AdapterDir!; c.OutputDir = Path.Combine(_root, "continued"); c.MaxSteps = 2; }),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, next.Steps);
        Assert.True(next.TrainLoss[0].Loss < result.TrainLoss[0].Loss, "continuing starts from the trained adapter");
    }

    [Fact]
    public async Task Unusable_settings_fail_before_training_naming_the_key()
    {
        var store = await StoreAsync();
        var pipeline = new FineTuningPipeline(store, ResolveLocal);
        var ct = TestContext.Current.CancellationToken;

        Assert.Contains("optim", (await Assert.ThrowsAsync<Core.Configuration.ConfigException>(() => pipeline.RunAsync(With(Config(false), c => c.Optim = "adafactor"), null, ct))).Message);
        Assert.Contains("huggingface-cli upload", (await Assert.ThrowsAsync<Core.Configuration.ConfigException>(() => pipeline.RunAsync(With(Config(false), c => c.PushToHub = true), null, ct))).Message);
        Assert.Contains("use_peft", (await Assert.ThrowsAsync<Core.Configuration.ConfigException>(() => pipeline.RunAsync(With(Config(false), c => c.LoadIn8bit = true), null, ct))).Message);
        Assert.Contains("no split 'train_sft'", (await Assert.ThrowsAsync<Core.Configuration.ConfigException>(() => pipeline.RunAsync(With(Config(false), c => c.DatasetSplits = ["train_sft"]), null, ct))).Message);
        Assert.Contains("(0, 1]", (await Assert.ThrowsAsync<Core.Configuration.ConfigException>(() => pipeline.RunAsync(With(Config(false), c => c.DatasetMixer = new() { ["tickets"] = 1.5 }), null, ct))).Message);
    }

    private static SftConfig With(SftConfig config, Action<SftConfig> change)
    {
        change(config);
        return config;
    }

    private static Task<string> ResolveLocal(string folder, CancellationToken _) => Task.FromResult(folder);
}
