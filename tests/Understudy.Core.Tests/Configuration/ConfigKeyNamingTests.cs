using Understudy.Core.Configuration;

namespace Understudy.Core.Tests.Configuration;

public sealed class ConfigKeyNamingTests
{
    [Theory]
    [InlineData("EvalRepeat", "eval_repeat")]
    [InlineData("FtModelId", "ft_model_id")]
    [InlineData("LmResponseDsSplit", "lm_response_ds_split")]
    [InlineData("Seed", "seed")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("Top2Ratio", "top2_ratio")]
    [InlineData("RateLimitTokensPerMinute", "rate_limit_tokens_per_minute")]
    public void ToSnakeCase_converts_property_names_to_llamaduo_keys(string property, string key) =>
        Assert.Equal(key, ConfigKeyNaming.ToSnakeCase(property));

    [Theory]
    [InlineData("eval_repeat", "--eval-repeat")]
    [InlineData("lora.lora_r", "--lora.lora-r")]
    public void ToFlag_uses_kebab_case_and_keeps_section_dots(string key, string flag) =>
        Assert.Equal(flag, ConfigKeyNaming.ToFlag(key));

    [Theory]
    [InlineData("--eval-repeat")]
    [InlineData("eval-repeat")]
    [InlineData("eval_repeat")]
    public void FlagToKey_accepts_flags_and_keys(string name) =>
        Assert.Equal("eval_repeat", ConfigKeyNaming.FlagToKey(name));
}
