using Understudy.Core.Configuration;
using Understudy.Pipelines.FineTuning;

namespace Understudy.Pipelines.Tests.FineTuning;

public sealed class SftConfigTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("understudy-sft-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Yaml(string text)
    {
        string path = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void An_alignment_handbook_recipe_loads_with_its_key_names()
    {
        var config = ConfigLoader.Load<SftConfig>(Yaml("""
            model_name_or_path: HuggingFaceTB/SmolLM2-135M-Instruct
            torch_dtype: bfloat16
            bf16: true
            use_peft: true
            lora_r: 8
            lora_alpha: 16
            lora_dropout: 0.1
            lora_target_modules: [q_proj, k_proj]
            load_in_4bit: true
            dataset_mixer:
              my-coverage: 0.5
            dataset_splits: [train_sft, test_sft]
            max_seq_length: 1024
            packing: true
            learning_rate: 1.0e-4
            lr_scheduler_type: linear
            warmup_ratio: 0.05
            num_train_epochs: 3
            per_device_train_batch_size: 2
            gradient_accumulation_steps: 8
            gradient_checkpointing: true
            optim: adamw_torch
            eval_strategy: steps
            eval_steps: 50
            save_strategy: steps
            save_steps: 100
            save_total_limit: 1
            output_dir: out/sft
            """)).Config;

        Assert.Equal(("bfloat16", 8, 16.0, 0.1), (config.TorchDtype, config.LoraR, config.LoraAlpha, config.LoraDropout));
        Assert.Equal(["q_proj", "k_proj"], config.LoraTargetModules);
        Assert.Equal(0.5, config.DatasetMixer["my-coverage"]);
        Assert.Equal(["train_sft", "test_sft"], config.DatasetSplits);
        Assert.True(config.LoadIn4bit && config.Packing && config.GradientCheckpointing);
        Assert.Equal((1e-4, "linear", 8), (config.LearningRate, config.LrSchedulerType, config.GradientAccumulationSteps));
    }

    [Fact]
    public void The_shipped_config_loads()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "Understudy.sln"))) folder = Path.GetDirectoryName(folder);
        Assert.NotNull(folder);

        var config = ConfigLoader.Load<SftConfig>(Path.Combine(folder, "config", "sft.yaml")).Config;

        Assert.True(config.UsePeft);
        Assert.Equal(1.0, config.DatasetMixer["my-coverage"]);
    }

    [Fact]
    public void An_unknown_key_is_an_error_that_suggests_the_right_one()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SftConfig>(Yaml("model_name_or_path: m\noutput_dir: o\nlearning_rat: 0.1\n")));
        Assert.Contains("learning_rat", error.Message);
        Assert.Contains("learning_rate", error.Message);
    }

    [Fact]
    public void A_scheduler_outside_the_supported_set_is_rejected()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SftConfig>(Yaml("model_name_or_path: m\noutput_dir: o\nlr_scheduler_type: polynomial\n")));
        Assert.Contains("lr_scheduler_type", error.Message);
    }

    [Fact]
    public void The_exported_recipe_round_trips_every_shared_key()
    {
        var original = new SftConfig
        {
            ModelNameOrPath = "HuggingFaceTB/SmolLM2-135M-Instruct",
            TorchDtype = "bfloat16",
            UsePeft = true,
            LoraR = 32,
            LoraAlpha = 64,
            LoraDropout = 0.1,
            LoraTargetModules = ["q_proj", "o_proj"],
            LoadIn8bit = true,
            DatasetMixer = new() { ["a"] = 0.25, ["b/c"] = 1 },
            DatasetSplits = ["train_sft", "test_sft"],
            MaxSeqLength = 512,
            Packing = true,
            LearningRate = 2e-5,
            LrSchedulerType = "linear",
            WarmupRatio = 0.03,
            WarmupSteps = 7,
            NumTrainEpochs = 1.5,
            MaxSteps = 300,
            PerDeviceTrainBatchSize = 3,
            PerDeviceEvalBatchSize = 5,
            GradientAccumulationSteps = 4,
            GradientCheckpointing = true,
            WeightDecay = 0.01,
            MaxGradNorm = 0.3,
            Optim = "adamw_torch",
            Seed = 7,
            DoEval = false,
            EvalStrategy = "steps",
            EvalSteps = 25,
            LoggingSteps = 3,
            SaveStrategy = "epoch",
            SaveSteps = 9,
            SaveTotalLimit = 4,
            OutputDir = "data/out",
            HubModelId = "me/model",
            ChatTemplate = "{{ messages[0]['content'] }}\n\"x\"",
        };
        string directory = Path.Combine(_root, "recipe");

        string recipe = RecipeExporter.Export(original, directory);
        var loaded = ConfigLoader.Load<SftConfig>(recipe);

        foreach (var property in typeof(SftConfig).GetProperties().Where(p => p.Name is not ("Adapter" or "SaveMergedModel" or "ResumeFromCheckpoint")))
        {
            object? expected = property.GetValue(original), actual = property.GetValue(loaded.Config);
            if (expected is System.Collections.IEnumerable list and not string)
                Assert.Equal(list.Cast<object>(), ((System.Collections.IEnumerable)actual!).Cast<object>());
            else
                Assert.Equal(expected, actual);
        }
        Assert.Contains("scripts/run_sft.py config_sft.yaml", File.ReadAllText(Path.Combine(directory, RecipeExporter.LaunchFileName)));
        Assert.True(File.Exists(Path.Combine(directory, "README.md")));
    }

    [Fact]
    public void The_mixer_samples_a_seeded_subset_not_the_first_rows()
    {
        var rows = Enumerable.Range(0, 100).Select(i => new SftConversation($"row {i}", [])).ToList();

        var first = SftDataLoader.Sample(rows, 0.3, seed: 42, "tickets");
        var again = SftDataLoader.Sample(rows, 0.3, seed: 42, "tickets");
        var otherSeed = SftDataLoader.Sample(rows, 0.3, seed: 43, "tickets");

        Assert.Equal(30, first.Count);
        Assert.Equal(first.Select(r => r.Location), again.Select(r => r.Location));
        Assert.NotEqual(first.Select(r => r.Location), otherSeed.Select(r => r.Location));
        Assert.NotEqual(rows.Take(30).Select(r => r.Location), first.Select(r => r.Location));
    }
}
