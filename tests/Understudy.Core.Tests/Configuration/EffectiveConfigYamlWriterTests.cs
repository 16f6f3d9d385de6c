using Understudy.Core.Configuration;

namespace Understudy.Core.Tests.Configuration;

public sealed class EffectiveConfigYamlWriterTests : IDisposable
{
    private readonly TempConfigFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Write_produces_a_file_that_loads_back_to_the_same_values_and_hash()
    {
        var flags = new Dictionary<string, string>
        {
            ["--service-model-name"] = "true",            // a string that looks like a bool stays a string
            ["--first-ds-id"] = "costs ${NOT_A_VAR}",     // written escaped, so it is not expanded on reload
            ["--eval-repeat"] = "7",
            ["--judge-mode"] = "single_answer",
            ["--request-timeout"] = "90s",
            ["--stop"] = "[\"a,b\", \"\"]",
            ["--dataset-mixer"] = "x/y=0.25,z=0.75",
            ["--max-samples"] = "12",
            ["--base-url"] = "http://127.0.0.1:9/v1",
            ["--lora.target-modules"] = "o_proj",
            ["--hf-token"] = "hf_never_written",
        };
        var original = ConfigLoader.Load<SampleEvalConfig>(null, flags);

        var yaml = EffectiveConfigYamlWriter.Write(original.Effective);
        var path = _files.Write(yaml, "frozen.yaml");
        var reloaded = ConfigLoader.Load<SampleEvalConfig>(path);

        Assert.Equal(original.Effective.Hash, reloaded.Effective.Hash);
        Assert.Equal("true", reloaded.Config.ServiceModelName);
        Assert.Equal("costs ${NOT_A_VAR}", reloaded.Config.FirstDsId);
        Assert.Equal(["a,b", ""], reloaded.Config.Stop);
        Assert.Equal(["o_proj"], reloaded.Config.Lora.TargetModules);
        Assert.Null(reloaded.Config.HfToken);
        Assert.DoesNotContain("hf_never_written", yaml, StringComparison.Ordinal);
        Assert.Contains("# hf_token: (secret, not written)", yaml, StringComparison.Ordinal);
        Assert.Contains($"# effective configuration, hash {original.Effective.Hash}", yaml, StringComparison.Ordinal);
        Assert.Contains("lora:\n  lora_r: 8\n", yaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
