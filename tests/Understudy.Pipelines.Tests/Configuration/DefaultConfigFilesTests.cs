using Understudy.Core.Configuration;
using Understudy.Core.Prompts;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Common;
using Understudy.Pipelines.Evaluation;
using Understudy.Pipelines.Merge;
using Understudy.Pipelines.Synthesis;
using Understudy.Pipelines.Tests.Fakes;

namespace Understudy.Pipelines.Tests.Configuration;

/// <summary>The shipped config/*.yaml and config/prompts.toml load into the pipelines as they are.</summary>
public sealed class DefaultConfigFilesTests
{
    private static string ConfigPath(string file)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Understudy.sln")))
            {
                return Path.Combine(folder.FullName, "config", file);
            }
        }
        throw new InvalidOperationException("Understudy.sln not found above the test binaries.");
    }

    [Fact]
    public void Every_default_config_loads_with_its_LlamaDuo_keys()
    {
        var batch = ConfigLoader.Load<BatchInferenceConfig>(ConfigPath("batch_inference.yaml")).Config;
        var evaluation = ConfigLoader.Load<EvaluationConfig>(ConfigPath("evaluation.yaml")).Config;
        var synth = ConfigLoader.Load<SynthConfig>(ConfigPath("synth_data_gen.yaml")).Config;
        var merge = ConfigLoader.Load<MergeConfig>(ConfigPath("dataset_merge.yaml")).Config;

        Assert.Equal((2, 4), (batch.Repeat, batch.InferenceBs));
        Assert.Equal((3, 90.0), (evaluation.EvalRepeat, evaluation.AvgSimilarityThreshold));
        Assert.Equal((40, 2024), (synth.NumSamples, synth.Seed));
        Assert.False(merge.ResultDsTestAppend);
    }

    [Fact]
    public void Flags_override_the_file_and_unknown_keys_are_errors()
    {
        var loaded = ConfigLoader.Load<EvaluationConfig>(ConfigPath("evaluation.yaml"), new Dictionary<string, string> { ["--eval-repeat"] = "5" });
        Assert.Equal(5, loaded.Config.EvalRepeat);

        var error = Assert.Throws<ConfigException>(() =>
            ConfigLoader.Load<EvaluationConfig>(ConfigPath("evaluation.yaml"), new Dictionary<string, string> { ["--eval-repeats"] = "5" }));
        Assert.Contains("did you mean '--eval-repeat'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_prompts_use_only_placeholders_the_judge_and_the_generator_fill()
    {
        var prompts = PromptLibrary.Load(ConfigPath("prompts.toml"));
        var client = ChatClients.From(_ => "");

        var judge = new LlmJudge(client, new EvaluationConfig(), prompts.Get(PromptNames.Eval), new TokenUsage());
        var generator = new SynthGenerator(client, new SynthConfig { PairsPerCall = 3, Topic = "coding" }, prompts.Get(PromptNames.SynthDataGen), new TokenUsage());

        Assert.Contains("<<candidate>>", judge.RenderPrompt("<<instruction>>", "<<reference>>", "<<candidate>>"), StringComparison.Ordinal);
        string synthPrompt = generator.RenderPrompt(new SeedRow("id", "<<instruction>>", "<<response>>", "triage"));
        Assert.Contains("Generate 3 (instruction, response) pairs", synthPrompt, StringComparison.Ordinal);
        Assert.Contains("The topic is coding.", synthPrompt, StringComparison.Ordinal);
    }
}
