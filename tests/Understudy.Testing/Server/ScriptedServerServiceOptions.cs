using Understudy.Llm.Providers;

namespace Understudy.Testing;

/// <summary>Points <see cref="ServiceLlmOptions"/> at a <see cref="ScriptedOpenAiServer"/>.</summary>
public static class ScriptedServerServiceOptions
{
    /// <summary>
    /// Options for the OpenAI provider against this server, with retries fast enough for tests. No API key is
    /// needed: the server is on 127.0.0.1.
    /// </summary>
    public static ServiceLlmOptions ServiceOptions(this ScriptedOpenAiServer server, string model = "scripted-model") =>
        new()
        {
            Provider = ServiceLlmProviders.OpenAi,
            ModelName = model,
            BaseUrl = server.BaseUrl,
            RequestTimeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Options for the Anthropic provider against this server's <c>/v1/messages</c>.</summary>
    public static ServiceLlmOptions AnthropicServiceOptions(this ScriptedOpenAiServer server, string model = "claude-scripted") =>
        new()
        {
            Provider = ServiceLlmProviders.Anthropic,
            ModelName = model,
            BaseUrl = server.RootUrl,
            RequestTimeout = TimeSpan.FromSeconds(30),
        };
}
