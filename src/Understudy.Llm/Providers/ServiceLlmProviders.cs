namespace Understudy.Llm.Providers;

/// <summary>The provider names <see cref="ServiceLlmOptions.Provider"/> accepts, with their defaults.</summary>
public static class ServiceLlmProviders
{
    /// <summary>OpenAI, or any OpenAI-compatible server through <see cref="ServiceLlmOptions.BaseUrl"/>.</summary>
    public const string OpenAi = "openai";

    /// <summary>Anthropic's Messages API through the official Anthropic SDK.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Google Gemini through its OpenAI-compatible endpoint.</summary>
    public const string Gemini = "gemini";

    /// <summary>Every accepted provider name.</summary>
    public static IReadOnlyList<string> All { get; } = [OpenAi, Anthropic, Gemini];

    /// <summary>Gemini's OpenAI-compatible endpoint.</summary>
    public static Uri GeminiOpenAiEndpoint { get; } = new("https://generativelanguage.googleapis.com/v1beta/openai/");

    /// <summary>The environment variables a provider's key is usually found in, after <c>SERVICE_LLM_API_KEY</c>.</summary>
    public static IReadOnlyList<string> UsualKeyVariables(string provider) => Normalize(provider) switch
    {
        OpenAi => ["OPENAI_API_KEY"],
        Anthropic => ["ANTHROPIC_API_KEY"],
        Gemini => ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
        _ => [],
    };

    /// <summary>The provider name in lower case, or a clear error naming the accepted ones.</summary>
    public static string Normalize(string provider)
    {
        var name = provider?.Trim().ToLowerInvariant() ?? "";
        return All.Contains(name)
            ? name
            : throw new ServiceLlmConfigurationException(
                $"Unknown service LLM provider '{provider}'. Use one of: {string.Join(", ", All)} " +
                "(any OpenAI-compatible server such as vLLM, Ollama, llama.cpp, TGI or DeepInfra is 'openai' with a base URL).");
    }
}
