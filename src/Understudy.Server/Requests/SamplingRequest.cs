using System.Text.Json;
using Microsoft.Extensions.AI;
using Understudy.Server.Errors;

namespace Understudy.Server.Requests;

/// <summary>
/// The generation fields chat and text completions share: <c>temperature</c>, <c>top_p</c>, <c>max_tokens</c>
/// (or <c>max_completion_tokens</c>), <c>seed</c>, <c>n</c>, <c>stop</c>, <c>stream</c>, <c>stream_options</c>.
/// Fields the engine cannot honour are rejected by name, never ignored.
/// </summary>
internal sealed record SamplingRequest
{
    public required string Model { get; init; }
    public float? Temperature { get; init; }
    public float? TopP { get; init; }
    public required int MaxTokens { get; init; }
    public long? Seed { get; init; }
    public required int N { get; init; }
    public IReadOnlyList<string> Stop { get; init; } = [];
    public bool Stream { get; init; }
    public bool IncludeUsage { get; init; }

    public static SamplingRequest Parse(JsonElement body, RequestLimits limits, int defaultMaxTokens)
    {
        string model = JsonFields.RequiredString(body, "model");
        string maxName = JsonFields.Present(body, "max_completion_tokens", out _) ? "max_completion_tokens" : "max_tokens";
        long? maxTokens = JsonFields.Integer(body, maxName, 1, int.MaxValue);
        if (maxTokens > limits.MaxTokens)
            throw OpenAiException.InvalidField(maxName, $"'{maxName}' is {maxTokens}; this server allows at most {limits.MaxTokens} (--max-tokens).");
        var stop = JsonFields.StringOrArray(body, "stop") ?? [];
        if (stop.Count > 4) throw OpenAiException.InvalidField("stop", $"'stop' holds {stop.Count} sequences; at most 4 are allowed.");
        bool stream = JsonFields.Bool(body, "stream");
        bool includeUsage = false;
        if (JsonFields.Present(body, "stream_options", out JsonElement streamOptions))
        {
            if (!stream) throw OpenAiException.InvalidField("stream_options", "'stream_options' is only allowed when 'stream' is true.");
            if (streamOptions.ValueKind != JsonValueKind.Object) throw JsonFields.WrongType("stream_options", "an object", streamOptions);
            includeUsage = JsonFields.Bool(streamOptions, "include_usage");
        }
        JsonFields.Unsupported(body, "frequency_penalty", IsZero, "the local engine has no frequency penalty.");
        JsonFields.Unsupported(body, "presence_penalty", IsZero, "the local engine has no presence penalty.");
        JsonFields.Unsupported(body, "logit_bias", v => v.ValueKind == JsonValueKind.Object && !v.EnumerateObject().Any(), "logit bias is not implemented.");
        JsonFields.Unsupported(body, "logprobs", v => v.ValueKind == JsonValueKind.False, "log probabilities are not computed.");
        JsonFields.Unsupported(body, "tools", v => v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0, "the local engine does not run tool calls.");
        return new SamplingRequest
        {
            Model = model,
            Temperature = (float?)JsonFields.Number(body, "temperature", 0, 2),
            TopP = (float?)JsonFields.Number(body, "top_p", double.Epsilon, 1),
            MaxTokens = (int)Math.Min(maxTokens ?? defaultMaxTokens, limits.MaxTokens),
            Seed = JsonFields.Integer(body, "seed", long.MinValue, long.MaxValue),
            N = (int)(JsonFields.Integer(body, "n", 1, limits.MaxChoices) ?? 1),
            Stop = stop,
            Stream = stream,
            IncludeUsage = includeUsage,
        };
    }

    /// <summary>The options for choice <paramref name="index"/>: with a seed, each choice samples with seed + index so n &gt; 1 differs.</summary>
    public ChatOptions ToChatOptions(int index) => new()
    {
        Temperature = Temperature,
        TopP = TopP,
        MaxOutputTokens = MaxTokens,
        Seed = Seed is long seed ? seed + index : null,
        StopSequences = Stop.Count > 0 ? [.. Stop] : null,
    };

    private static bool IsZero(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.GetDouble() == 0;
}
