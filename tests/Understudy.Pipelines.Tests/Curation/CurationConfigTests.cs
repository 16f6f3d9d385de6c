using Understudy.Core.Configuration;
using Understudy.Pipelines.Curation;

namespace Understudy.Pipelines.Tests.Curation;

public sealed class CurationConfigTests
{
    private static CurationConfig Load(params (string Key, string Value)[] flags) =>
        ConfigLoader.Load<CurationConfig>(null, new Dictionary<string, string>(
            [new("input_ds_id", "synth"), new("output_ds_id", "curated"), .. flags.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))])).Config;

    private static string Error(params (string Key, string Value)[] flags) => Assert.Throws<ConfigException>(() => Load(flags)).Message;

    [Fact]
    public void Defaults_switch_every_rule_on_except_the_JSON_and_length_checks()
    {
        CurationConfig config = Load();

        Assert.True(config.ExactDedup && config.NearDedup && config.DropEmptyAnswers && config.DropRefusals);
        Assert.False(config.ExpectJson);
        Assert.Equal((ShingleUnit.Word, 3, 128, 0.7), (config.ShingleUnit, config.ShingleSize, config.NumPerm, config.RougeLThreshold));
    }

    [Fact]
    public void Keys_load_from_flags_with_enums_and_lists()
    {
        CurationConfig config = Load(("shingle_unit", "char"), ("dedup_on", "prompt_and_answer"), ("test_ds_ids", "a,b"), ("lsh_bands", "16"));

        Assert.Equal((ShingleUnit.Char, CurationText.PromptAndAnswer, 16), (config.ShingleUnit, config.DedupOn, config.LshBands));
        Assert.Equal(["a", "b"], config.TestDsIds);
    }

    [Fact]
    public void Errors_name_the_key_and_what_to_do()
    {
        Assert.Contains("lsh_bands", Error(("lsh_bands", "32"), ("lsh_rows", "8")), StringComparison.Ordinal);
        Assert.Contains("refusal_patterns", Error(("refusal_patterns", "(unclosed")), StringComparison.Ordinal);
        Assert.Contains("decontamination_ngram_overlap", Error(("test_ds_ids", "test"), ("decontamination_ngram_overlap", "0"), ("decontamination_jaccard", "0")), StringComparison.Ordinal);
        Assert.Contains("min_answer_length", Error(("min_answer_length", "10"), ("max_answer_length", "5")), StringComparison.Ordinal);
        Assert.Contains("rouge_l_threshold", Error(("rouge_l_threshold", "1.5")), StringComparison.Ordinal);
        Assert.Contains("did you mean", Error(("near_dedup_treshold", "0.5")), StringComparison.Ordinal);
        Assert.Contains("output_ds_id", Assert.Throws<ConfigException>(() => ConfigLoader.Load<CurationConfig>(null,
            new Dictionary<string, string> { ["input_ds_id"] = "x" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_curate_yaml_loads()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "Understudy.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }
        Assert.NotNull(folder);

        CurationConfig config = ConfigLoader.Load<CurationConfig>(Path.Combine(folder, "config", "curate.yaml")).Config;

        Assert.Equal(("my-synth", "my-synth-curated"), (config.InputDsId, config.OutputDsId));
        Assert.Equal(["my-coverage"], config.TestDsIds);
        Assert.Equal(RefusalRule.DefaultPatterns, config.RefusalPatterns);
    }
}
