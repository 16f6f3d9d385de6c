using Microsoft.Extensions.AI;
using Understudy.Engine.Generation;

namespace Understudy.Engine.Inference;

/// <summary>Translates <see cref="ChatOptions"/> into <see cref="GenerationOptions"/> on top of a model's defaults.</summary>
public static class ChatOptionsMapping
{
    /// <summary>Extra option keys read from <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string MinPKey = "min_p", RepetitionPenaltyKey = "repetition_penalty";

    /// <summary>
    /// Temperature 0 means greedy; any other temperature, top-p or top-k turns sampling on. Unset options keep the
    /// model's generation_config.json values. Penalties the engine does not implement are rejected, not ignored.
    /// </summary>
    public static GenerationOptions ToGenerationOptions(ChatOptions? chat, GenerationOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (chat is null) return defaults;
        if (chat.FrequencyPenalty is not null || chat.PresencePenalty is not null)
            throw new NotSupportedException("The local engine does not implement frequency_penalty/presence_penalty; use AdditionalProperties[\"repetition_penalty\"].");
        if (chat.Tools is { Count: > 0 })
            throw new NotSupportedException("The local engine does not run tool calls yet.");

        var options = defaults;
        if (chat.Temperature is float temperature)
            options = options with { Temperature = temperature, DoSample = temperature > 0 };
        if (chat.TopP is float topP) options = options with { TopP = topP, DoSample = options.Temperature > 0 };
        if (chat.TopK is int topK) options = options with { TopK = topK, DoSample = options.Temperature > 0 };
        if (chat.Seed is long seed) options = options with { Seed = seed };
        if (chat.MaxOutputTokens is int max) options = options with { MaxNewTokens = max };
        if (chat.StopSequences is { Count: > 0 } stops) options = options with { StopStrings = [.. options.StopStrings, .. stops] };
        if (chat.AdditionalProperties is { } extra)
        {
            if (extra.TryGetValue(MinPKey, out object? minP)) options = options with { MinP = Convert.ToDouble(minP, System.Globalization.CultureInfo.InvariantCulture) };
            if (extra.TryGetValue(RepetitionPenaltyKey, out object? penalty))
                options = options with { RepetitionPenalty = Convert.ToDouble(penalty, System.Globalization.CultureInfo.InvariantCulture) };
        }
        options.Validate();
        return options;
    }
}
