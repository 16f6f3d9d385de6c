using Microsoft.Extensions.AI;
using Understudy.Llm.Generation;

namespace Understudy.Llm.Tests.Generation;

public sealed class GenerationConfigFileTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"understudy-gen-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(_file);

    private GenerationConfig Load(string yaml)
    {
        File.WriteAllText(_file, yaml);
        return GenerationConfigFile.Load(_file);
    }

    [Theory]
    [InlineData("max_tokens: 2048")]
    [InlineData("max_output_tokens: 2048")]
    [InlineData("max_new_tokens: 2048")]
    public void LlamaDuo_style_files_set_the_output_limit(string yaml) => Assert.Equal(2048, Load(yaml).MaxOutputTokens);

    [Fact]
    public void Every_known_setting_is_read()
    {
        var config = Load("""
            temperature: 0.2
            top_p: 0.9
            top_k: 40
            seed: 7
            stop: ["###", "END"]
            frequency_penalty: 0.1
            presence_penalty: 0.3
            response_format: json_object
            """);

        Assert.Equal(new GenerationConfig
        {
            Temperature = 0.2f,
            TopP = 0.9f,
            TopK = 40,
            Seed = 7,
            FrequencyPenalty = 0.1f,
            PresencePenalty = 0.3f,
            JsonResponse = true,
            StopSequences = config.StopSequences,
        }, config);
        Assert.Equal(["###", "END"], config.StopSequences!);
    }

    [Fact]
    public void An_unknown_key_is_named_with_the_known_ones()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("candidate_count: 2"));
        Assert.Contains("candidate_count", error.Message);
        Assert.Contains("max_output_tokens", error.Message);
        Assert.Contains(_file, error.Message);
    }

    [Fact]
    public void A_bad_value_names_the_key_and_what_was_expected()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("temperature: warm"));
        Assert.Contains("'temperature' must be a number", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named() =>
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => GenerationConfigFile.Load(_file + ".missing")).Message);

    [Fact]
    public void Defaults_fill_only_what_the_caller_left_unset()
    {
        var config = new GenerationConfig { Temperature = 0.2f, MaxOutputTokens = 2048, StopSequences = ["END"] };
        var options = new ChatOptions { Temperature = 0.9f };

        config.ApplyDefaultsTo(options);

        Assert.Equal(0.9f, options.Temperature);
        Assert.Equal(2048, options.MaxOutputTokens);
        Assert.Equal(["END"], options.StopSequences!);
    }
}
