using Understudy.Core.Configuration;

namespace Understudy.Core.Tests.Configuration;

public sealed class ConfigLoaderErrorTests : IDisposable
{
    private readonly TempConfigFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Each row: YAML body (the judge model is always line 1), expected message with {path} for the file.</summary>
    public static TheoryData<string, string> FileProblems => new()
    {
        { "eval_repet: 5", "{path} line 2: unknown key 'eval_repet' (did you mean 'eval_repeat'?)" },
        { "lora:\n  lora_rr: 4", "{path} line 3: unknown key 'lora.lora_rr' (did you mean 'lora.lora_r'?)" },
        { "totally_unrelated_setting: 1", "{path} line 2: unknown key 'totally_unrelated_setting'" },
        { "eval_repeat: five", "eval_repeat: expected an integer, got 'five' ({path} line 2)" },
        { "avg_similarity_threshold: high", "avg_similarity_threshold: expected a number, got 'high' ({path} line 2)" },
        { "push_eval_to_hf_hub: maybe", "push_eval_to_hf_hub: expected true or false, got 'maybe' ({path} line 2)" },
        { "judge_mode: best", "judge_mode: expected one of 'pairwise', 'single_answer', got 'best' ({path} line 2)" },
        { "request_timeout: soon", "request_timeout: expected a duration such as 500ms, 30s, 5m, 2h or 01:30:00, got 'soon' ({path} line 2)" },
        { "stop: just-one", "stop: expected a list of strings, got 'just-one' ({path} line 2)" },
        { "dataset_mixer:\n  a: lots", "dataset_mixer.a: expected a number, got 'lots' ({path} line 3)" },
        { "eval_repeat: [1, 2]", "eval_repeat: expected an integer, got a list ({path} line 2)" },
        { "eval_repeat:", "eval_repeat: expected an integer, got nothing (null) ({path} line 2)" },
        { "base_url: not a url", "base_url: expected an absolute URL, got 'not a url' ({path} line 2)" },
        { "eval_repeat: 0", "eval_repeat: must be between 1 and 100, got 0 ({path} line 2)" },
        { "lora:\n  lora_r: 2048", "lora.lora_r: must be between 1 and 1024, got 2048 ({path} line 3)" },
        { "service_llm_provider: antropic", "service_llm_provider: must be one of 'openai', 'anthropic', 'gemini', got 'antropic' (did you mean 'anthropic'?) ({path} line 2)" },
        { "lora: 5", "lora: is a section; expected a mapping of its keys ({path} line 2)" },
        { "first_ds_id: same\nsecond_ds_id: same", "first_ds_id: must differ from second_ds_id" },
        { "hf_token: ${UNDERSTUDY_TEST_SURELY_UNSET}", "hf_token: environment variable 'UNDERSTUDY_TEST_SURELY_UNSET' is not set ({path} line 2)" },
        { "eval_repeat: [1, 2", "{path} line 3: invalid YAML: While parsing a flow sequence" },
        { "- a\n- b", "{path}: expected a mapping of keys to values at the top level" },
        { "eval_repeat: 2\neval_repeat: 3", "{path} line 3: invalid YAML: Duplicate key eval_repeat" },
    };

    [Theory]
    [MemberData(nameof(FileProblems))]
    public void Load_reports_file_problems_with_key_value_and_line(string body, string expected)
    {
        var yaml = body.StartsWith('-') ? body : "service_model_name: judge\n" + body;
        var path = _files.Write(yaml);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleEvalConfig>(path));

        Assert.True(error.Message.Contains(expected.Replace("{path}", path, StringComparison.Ordinal), StringComparison.Ordinal), error.Message);
    }

    public static TheoryData<string, string, string> FlagProblems => new()
    {
        { "--eval-repet", "5", "unknown flag '--eval-repet' (did you mean '--eval-repeat'?)" },
        { "--lora.lora-rr", "5", "unknown flag '--lora.lora-rr' (did you mean '--lora.lora-r'?)" },
        { "--lora", "5", "flag --lora: 'lora' is a section; set its keys one by one, e.g. --lora.<key>" },
        { "--eval-repeat", "five", "eval_repeat: expected an integer, got 'five' (flag --eval-repeat)" },
        { "--eval-repeat", "101", "eval_repeat: must be between 1 and 100, got 101 (flag --eval-repeat)" },
        { "--dataset-mixer", "a=x", "dataset_mixer.a: expected a number, got 'x' (flag --dataset-mixer)" },
    };

    [Theory]
    [MemberData(nameof(FlagProblems))]
    public void Load_reports_flag_problems_with_the_flag_and_a_suggestion(string flag, string text, string expected)
    {
        var flags = new Dictionary<string, string> { ["--service-model-name"] = "judge", [flag] = text };

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleEvalConfig>(null, flags));

        Assert.Equal(expected, Assert.Single(error.Problems).Message);
    }

    [Fact]
    public void Load_reports_a_missing_required_key_with_how_to_set_it()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleEvalConfig>(null));

        Assert.Equal(
            "missing required key 'service_model_name': set it in the config file or pass --service-model-name",
            Assert.Single(error.Problems).Message);
    }

    [Fact]
    public void Load_lists_every_problem_at_once()
    {
        var path = _files.Write("eval_repet: 5\nseed: abc\nlora:\n  lora_r: 0\n");
        var flags = new Dictionary<string, string> { ["--avg-similarity-threshold"] = "200" };

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleEvalConfig>(path, flags));

        Assert.Equal(
            ["eval_repet", "seed", "service_model_name", "avg_similarity_threshold", "lora.lora_r"],
            error.Problems.Select(p => p.Key));
        Assert.StartsWith("5 configuration problems:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reports_only_the_syntax_error_of_an_unparsable_file()
    {
        var path = _files.Write("eval_repeat: 5\n  seed: 1\n bad");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleEvalConfig>(path));
        Assert.StartsWith($"{path} line 2: invalid YAML", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reports_a_missing_file()
    {
        var path = _files.PathOf("missing.yaml");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleEvalConfig>(path));
        Assert.Equal($"{path}: config file not found", error.Problems[0].Message);
    }

    [Fact]
    public void Load_rejects_a_flag_value_that_a_valid_file_value_would_have_allowed()
    {
        var path = _files.Write("service_model_name: judge\neval_repeat: 3\n");
        var flags = new Dictionary<string, string> { ["--eval-repeat"] = "0" };

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<SampleEvalConfig>(path, flags));

        Assert.Equal("eval_repeat: must be between 1 and 100, got 0 (flag --eval-repeat)", Assert.Single(error.Problems).Message);
    }
}
