using Understudy.Core.Configuration;

namespace Understudy.Core.Tests.Configuration;

public sealed class ConfigSchemaTests
{
    private readonly ConfigSchema _schema = ConfigSchema.For<SampleEvalConfig>();

    [Theory]
    [InlineData("eval_repeat", ConfigValueKind.Integer, "int")]
    [InlineData("service_llm_provider", ConfigValueKind.String, "openai|anthropic|gemini")]
    [InlineData("judge_mode", ConfigValueKind.Enum, "pairwise|single_answer")]
    [InlineData("request_timeout", ConfigValueKind.Duration, "duration")]
    [InlineData("stop", ConfigValueKind.List, "list")]
    [InlineData("dataset_mixer", ConfigValueKind.Map, "map")]
    [InlineData("lora.lora_r", ConfigValueKind.Integer, "int")]
    [InlineData("lora.target_modules", ConfigValueKind.List, "list")]
    public void For_describes_each_key_with_kind_and_label(string key, ConfigValueKind kind, string label)
    {
        var descriptor = _schema.Find(key);
        Assert.NotNull(descriptor);
        Assert.Equal(kind, descriptor.Kind);
        Assert.Equal(label, descriptor.TypeLabel);
    }

    [Fact]
    public void For_reads_descriptions_defaults_required_and_nullability()
    {
        var repeat = _schema.Find("eval_repeat")!;
        Assert.Equal("How many times each answer is judged.", repeat.Description);
        Assert.Equal(1, repeat.DefaultValue);
        Assert.Equal("--eval-repeat", repeat.Flag);
        Assert.True(_schema.Find("service_model_name")!.IsRequired);
        Assert.True(_schema.Find("max_samples")!.IsNullable);
        Assert.True(_schema.Find("hf_token")!.IsNullable);
        Assert.False(_schema.Find("first_ds_id")!.IsNullable);
        Assert.Equal(["lora"], _schema.Sections);
    }

    private sealed class UnsupportedConfig
    {
        public System.Text.StringBuilder Builder { get; set; } = new();

        public Action? Callback { get; set; }
    }

    private sealed class CollidingConfig
    {
        public int MaxTokens { get; set; }

        [ConfigKey("max_tokens")]
        public int Limit { get; set; }
    }

    [Fact]
    public void For_rejects_two_properties_with_the_same_key()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfigSchema.For(typeof(CollidingConfig)));
        Assert.Contains("'max_tokens'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_rejects_property_types_that_a_config_file_cannot_express()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfigSchema.For(typeof(UnsupportedConfig)));
        Assert.Contains("Callback", error.Message, StringComparison.Ordinal);
    }
}
