using Understudy.Core.Configuration;

namespace Understudy.Core.Tests.Configuration;

public sealed class EffectiveConfigTests : IDisposable
{
    private readonly TempConfigFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static EffectiveConfig Effective(string? path, params (string Flag, string Value)[] flags) =>
        ConfigLoader.Load<SampleEvalConfig>(path, flags.ToDictionary(f => f.Flag, f => f.Value)).Effective;

    [Fact]
    public void Hash_is_the_same_whether_a_value_comes_from_the_file_or_a_flag()
    {
        var path = _files.Write("service_model_name: judge\neval_repeat: 4\n");

        var fromFile = Effective(path);
        var fromFlags = Effective(null, ("--service-model-name", "judge"), ("--eval-repeat", "4"));

        Assert.Equal(fromFile.Hash, fromFlags.Hash);
        Assert.Equal(16, fromFile.Hash.Length);
    }

    [Fact]
    public void Hash_changes_when_any_setting_changes()
    {
        var baseline = Effective(null, ("--service-model-name", "judge"));
        var changed = Effective(null, ("--service-model-name", "judge"), ("--lora.lora-alpha", "32"));

        Assert.NotEqual(baseline.Hash, changed.Hash);
    }

    [Fact]
    public void Hash_ignores_secrets()
    {
        var one = Effective(null, ("--service-model-name", "judge"), ("--hf-token", "hf_one"));
        var other = Effective(null, ("--service-model-name", "judge"), ("--hf-token", "hf_two"));

        Assert.Equal(one.Hash, other.Hash);
    }

    [Fact]
    public void ToRedactedDictionary_hides_secret_values_and_keeps_the_rest_plain()
    {
        var effective = Effective(null, ("--service-model-name", "judge"), ("--hf-token", "hf_secret"), ("--judge-mode", "single_answer"));

        var values = effective.ToRedactedDictionary();

        Assert.Equal(SecretKeys.Redacted, values["hf_token"]);
        Assert.Equal("single_answer", values["judge_mode"]);
        Assert.Equal(1, values["eval_repeat"]);
        Assert.Equal("2m", values["request_timeout"]);
        Assert.DoesNotContain(effective.Entries, e => e.DisplayValue.Contains("hf_secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hf_token", true)]
    [InlineData("openai_api_key", true)]
    [InlineData("client_secret", true)]
    [InlineData("max_new_tokens", false)]
    [InlineData("rate_limit_tokens_per_minute", false)]
    [InlineData("tokenizer_path", false)]
    [InlineData("service_api_key_env", false)]
    [InlineData("lora.hf_token", true)]
    public void SecretKeys_recognise_secret_words_not_substrings(string key, bool secret) =>
        Assert.Equal(secret, SecretKeys.LooksSecret(key));
}
