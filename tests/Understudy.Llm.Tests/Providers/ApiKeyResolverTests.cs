using Understudy.Llm.Providers;

namespace Understudy.Llm.Tests.Providers;

public class ApiKeyResolverTests
{
    private static ApiKeyResolver With(params (string Name, string Value)[] variables) =>
        new(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void Resolve_prefers_the_explicitly_named_variable()
    {
        var keys = With(("MY_KEY", "k-explicit"), ("SERVICE_LLM_API_KEY", "k-service"));
        Assert.Equal("k-explicit", keys.Resolve(new ServiceLlmOptions { ModelName = "m", ApiKeyEnvironmentVariable = "MY_KEY" }));
    }

    [Fact]
    public void Resolve_uses_SERVICE_LLM_API_KEY_before_the_providers_usual_variable()
    {
        var keys = With(("OPENAI_API_KEY", "k-openai"), ("SERVICE_LLM_API_KEY", "k-service"));
        Assert.Equal("k-service", keys.Resolve(new ServiceLlmOptions { ModelName = "m" }));
    }

    [Theory]
    [InlineData("openai", "OPENAI_API_KEY")]
    [InlineData("anthropic", "ANTHROPIC_API_KEY")]
    [InlineData("gemini", "GEMINI_API_KEY")]
    [InlineData("Gemini", "GOOGLE_API_KEY")]
    public void Resolve_falls_back_to_the_providers_usual_variable(string provider, string variable)
    {
        var keys = With((variable, "k-usual"));
        Assert.Equal("k-usual", keys.Resolve(new ServiceLlmOptions { Provider = provider, ModelName = "m" }));
    }

    [Fact]
    public void Resolve_names_every_variable_tried_when_none_is_set()
    {
        var error = Assert.Throws<ServiceLlmConfigurationException>(
            () => With().Resolve(new ServiceLlmOptions { Provider = "gemini", ModelName = "gemini-2.0-flash" }));
        Assert.Contains("SERVICE_LLM_API_KEY", error.Message);
        Assert.Contains("GEMINI_API_KEY", error.Message);
        Assert.Contains("GOOGLE_API_KEY", error.Message);
    }

    [Fact]
    public void Resolve_names_the_explicit_variable_when_it_is_missing()
    {
        var error = Assert.Throws<ServiceLlmConfigurationException>(
            () => With(("SERVICE_LLM_API_KEY", "k")).Resolve(new ServiceLlmOptions { ModelName = "m", ApiKeyEnvironmentVariable = "TEAM_KEY" }));
        Assert.Contains("TEAM_KEY", error.Message);
    }

    [Fact]
    public void Resolve_needs_no_key_for_a_server_on_this_machine()
    {
        var key = With().Resolve(new ServiceLlmOptions { ModelName = "m", BaseUrl = new Uri("http://127.0.0.1:8000/v1/") });
        Assert.Equal(ApiKeyResolver.NoKeyPlaceholder, key);
    }

    [Fact]
    public void Resolve_rejects_an_unknown_provider_and_lists_the_known_ones()
    {
        var error = Assert.Throws<ServiceLlmConfigurationException>(() => With().Resolve(new ServiceLlmOptions { Provider = "cohere", ModelName = "m" }));
        Assert.Contains("openai, anthropic, gemini", error.Message);
    }
}
