using Microsoft.Extensions.AI;

namespace Understudy.Llm.Generation;

/// <summary>
/// Generation settings of a service LLM role, as in LlamaDuo's per-provider <c>*_gen_configs.yaml</c>. Unset
/// values leave the provider's defaults alone. Load one with <see cref="GenerationConfigFile"/>.
/// </summary>
public sealed record GenerationConfig
{
    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    public int? TopK { get; init; }

    /// <summary><c>max_tokens</c> (OpenAI, Anthropic) or <c>max_output_tokens</c> (Gemini).</summary>
    public int? MaxOutputTokens { get; init; }

    public long? Seed { get; init; }

    public IReadOnlyList<string>? StopSequences { get; init; }

    public float? FrequencyPenalty { get; init; }

    public float? PresencePenalty { get; init; }

    /// <summary>True to ask for a JSON object (<c>response_format: json_object</c> / <c>response_mime_type: application/json</c>).</summary>
    public bool? JsonResponse { get; init; }

    /// <summary>Fills every option the caller left unset with this config's value; what the caller set wins.</summary>
    public void ApplyDefaultsTo(ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Temperature ??= Temperature;
        options.TopP ??= TopP;
        options.TopK ??= TopK;
        options.MaxOutputTokens ??= MaxOutputTokens;
        options.Seed ??= Seed;
        options.FrequencyPenalty ??= FrequencyPenalty;
        options.PresencePenalty ??= PresencePenalty;
        if (options.StopSequences is null && StopSequences is { Count: > 0 })
        {
            options.StopSequences = [.. StopSequences];
        }

        if (options.ResponseFormat is null && JsonResponse is { } json)
        {
            options.ResponseFormat = json ? ChatResponseFormat.Json : ChatResponseFormat.Text;
        }
    }
}
