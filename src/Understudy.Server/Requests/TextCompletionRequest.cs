using System.Text.Json;
using Understudy.Server.Errors;

namespace Understudy.Server.Requests;

/// <summary>A parsed <c>POST /v1/completions</c> body: raw prompts (no chat template) and the sampling fields.</summary>
internal sealed record TextCompletionRequest(IReadOnlyList<string> Prompts, SamplingRequest Sampling)
{
    /// <summary>OpenAI's default <c>max_tokens</c> for text completions.</summary>
    public const int DefaultMaxTokens = 16;

    public static TextCompletionRequest Parse(JsonElement body, RequestLimits limits)
    {
        var sampling = SamplingRequest.Parse(body, limits, DefaultMaxTokens);
        var prompts = JsonFields.StringOrArray(body, "prompt") ?? throw OpenAiException.InvalidField("prompt", "'prompt' is required.");
        if (prompts.Count == 0) throw OpenAiException.InvalidField("prompt", "'prompt' must hold at least one prompt.");
        if (prompts.Count * sampling.N > limits.MaxChoices)
            throw OpenAiException.InvalidField("prompt", $"{prompts.Count} prompts × n={sampling.N} exceeds this server's limit of {limits.MaxChoices} choices per request.");
        JsonFields.Unsupported(body, "echo", v => v.ValueKind == JsonValueKind.False, "echoing the prompt is not implemented.");
        JsonFields.Unsupported(body, "suffix", v => v.ValueKind == JsonValueKind.String && v.GetString() == "", "insertion (suffix) is not implemented.");
        JsonFields.Unsupported(body, "best_of", v => v.ValueKind == JsonValueKind.Number && v.GetDouble() == 1, "best_of is not implemented.");
        return new TextCompletionRequest(prompts, sampling);
    }
}
