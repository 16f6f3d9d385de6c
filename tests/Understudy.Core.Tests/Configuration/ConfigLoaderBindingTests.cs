using Understudy.Core.Configuration;

namespace Understudy.Core.Tests.Configuration;

public sealed class ConfigLoaderBindingTests : IDisposable
{
    private readonly TempConfigFiles _files = new();

    private static readonly Dictionary<string, string> ModelFlag = new() { ["--service-model-name"] = "gpt-4o" };

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_keeps_class_defaults_for_keys_nobody_set()
    {
        var loaded = ConfigLoader.Load<SampleEvalConfig>(null, ModelFlag);

        Assert.Equal(1, loaded.Config.EvalRepeat);
        Assert.Equal(ConfigSource.Default, loaded.Effective.Find("eval_repeat")!.Source);
        Assert.Equal(ConfigSource.Flag, loaded.Effective.Find("service_model_name")!.Source);
        Assert.Equal(["q_proj", "v_proj"], loaded.Config.Lora.TargetModules);
    }

    [Fact]
    public void Load_binds_every_supported_kind_from_yaml()
    {
        var path = _files.Write("""
            service_model_name: gemini-1.0-pro
            service_llm_provider: gemini
            eval_repeat: 5
            avg_similarity_threshold: 87.5
            seed: 12345678901
            push_eval_to_hf_hub: yes
            judge_mode: single_answer
            request_timeout: 90s
            stop: ["</s>", "###"]
            dataset_mixer:
              chansung/coverage: 0.7
              chansung/synth: 0.3
            max_samples: ~
            base_url: http://127.0.0.1:8080/v1
            lora:
              lora_r: 16
              target_modules: [q_proj, k_proj, v_proj]
            """);

        var config = ConfigLoader.Load<SampleEvalConfig>(path).Config;

        Assert.Equal("gemini-1.0-pro", config.ServiceModelName);
        Assert.Equal("gemini", config.ServiceLlmProvider);
        Assert.Equal(5, config.EvalRepeat);
        Assert.Equal(87.5, config.AvgSimilarityThreshold);
        Assert.Equal(12345678901L, config.Seed);
        Assert.True(config.PushEvalToHfHub);
        Assert.Equal(JudgeMode.SingleAnswer, config.JudgeMode);
        Assert.Equal(TimeSpan.FromSeconds(90), config.RequestTimeout);
        Assert.Equal(["</s>", "###"], config.Stop);
        Assert.Equal(new Dictionary<string, double> { ["chansung/coverage"] = 0.7, ["chansung/synth"] = 0.3 }, config.DatasetMixer);
        Assert.Null(config.MaxSamples);
        Assert.Equal(new Uri("http://127.0.0.1:8080/v1"), config.BaseUrl);
        Assert.Equal(16, config.Lora.LoraR);
        Assert.Equal(16, config.Lora.LoraAlpha);
        Assert.Equal(["q_proj", "k_proj", "v_proj"], config.Lora.TargetModules);
    }

    [Fact]
    public void Load_lets_explicit_flags_win_over_the_file()
    {
        var path = _files.Write("""
            service_model_name: gemini-1.0-pro
            eval_repeat: 3
            lora:
              lora_r: 16
            """);
        var flags = new Dictionary<string, string> { ["--eval-repeat"] = "5", ["--lora.lora-r"] = "32" };

        var loaded = ConfigLoader.Load<SampleEvalConfig>(path, flags);

        Assert.Equal(5, loaded.Config.EvalRepeat);
        Assert.Equal(32, loaded.Config.Lora.LoraR);
        var entry = loaded.Effective.Find("eval_repeat")!;
        Assert.Equal(ConfigSource.Flag, entry.Source);
        Assert.Equal("flag --eval-repeat", entry.Location);
        var fileEntry = loaded.Effective.Find("service_model_name")!;
        Assert.Equal(ConfigSource.File, fileEntry.Source);
        Assert.Equal($"{path} line 1", fileEntry.Location);
    }

    [Theory]
    [InlineData("--stop", "a,b", new[] { "a", "b" })]
    [InlineData("--stop", "[\"a,b\", c]", new[] { "a,b", "c" })]
    [InlineData("--stop", "", new string[0])]
    [InlineData("--lora.target-modules", "o_proj", new[] { "o_proj" })]
    public void Load_reads_list_flags_as_comma_lists_or_yaml_flow(string flag, string text, string[] expected)
    {
        var flags = new Dictionary<string, string>(ModelFlag) { [flag] = text };
        var config = ConfigLoader.Load<SampleEvalConfig>(null, flags).Config;
        Assert.Equal(expected, flag == "--stop" ? config.Stop.ToArray() : config.Lora.TargetModules);
    }

    [Theory]
    [InlineData("a=0.5,b=0.25")]
    [InlineData("{a: 0.5, b: 0.25}")]
    public void Load_reads_map_flags_as_pairs_or_yaml_flow(string text)
    {
        var flags = new Dictionary<string, string>(ModelFlag) { ["--dataset-mixer"] = text };
        var config = ConfigLoader.Load<SampleEvalConfig>(null, flags).Config;
        Assert.Equal(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.25 }, config.DatasetMixer);
    }

    [Fact]
    public void Load_expands_environment_variables_in_file_strings()
    {
        var path = _files.Write("service_model_name: ${JUDGE_MODEL}\nhf_token: ${HF_TOKEN}\n");
        var options = new ConfigLoadOptions
        {
            EnvironmentVariables = name => name switch { "JUDGE_MODEL" => "claude-3-5-sonnet", "HF_TOKEN" => "hf_abc", _ => null },
        };

        var config = ConfigLoader.Load<SampleEvalConfig>(path, options: options).Config;

        Assert.Equal("claude-3-5-sonnet", config.ServiceModelName);
        Assert.Equal("hf_abc", config.HfToken);
    }

    [Fact]
    public void Load_warns_about_declared_ignored_keys_instead_of_failing()
    {
        var path = _files.Write("service_model_name: judge\npush_eval_to_hf_hub_legacy: true\n");

        var effective = ConfigLoader.Load<SampleEvalConfig>(path).Effective;

        Assert.Equal([$"{path} line 2: key 'push_eval_to_hf_hub_legacy' is ignored: results stay in the workspace"], effective.Warnings);
        Assert.Null(effective.Find("push_eval_to_hf_hub_legacy"));
    }

    [Fact]
    public void Load_accepts_an_empty_file()
    {
        var path = _files.Write("# nothing yet\n");
        var config = ConfigLoader.Load<SampleEvalConfig>(path, ModelFlag).Config;
        Assert.Equal(1, config.EvalRepeat);
    }

    [Fact]
    public void Load_accepts_kebab_and_snake_override_names()
    {
        var flags = new Dictionary<string, string> { ["service_model_name"] = "m", ["eval-repeat"] = "7" };
        Assert.Equal(7, ConfigLoader.Load<SampleEvalConfig>(null, flags).Config.EvalRepeat);
    }
}
