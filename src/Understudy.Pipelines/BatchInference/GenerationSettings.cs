using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;

namespace Understudy.Pipelines.BatchInference;

/// <summary>
/// The sampling settings of one (prompt, repeat) pair. Each pair gets its own seed derived from the base seed,
/// the prompt id and the repeat index, so a rerun or a resumed run draws the same sample for the same pair.
/// </summary>
public sealed record GenerationSettings(double Temperature, double TopP, int MaxNewTokens, long Seed)
{
    public static GenerationSettings For(BatchInferenceConfig config, string promptId, int repeatIndex)
    {
        ArgumentNullException.ThrowIfNull(config);
        string hash = RowId.FromContent(
            config.Seed.ToString(CultureInfo.InvariantCulture), promptId, repeatIndex.ToString(CultureInfo.InvariantCulture));
        long seed = long.Parse(hash[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new GenerationSettings(config.Temperature, config.TopP, config.MaxNewTokens, seed);
    }

    public ChatOptions ToChatOptions(string modelId) => new()
    {
        ModelId = modelId,
        Temperature = (float)Temperature,
        TopP = (float)TopP,
        MaxOutputTokens = MaxNewTokens,
        Seed = Seed,
    };

    /// <summary>The <c>generation_config</c> column: Hugging Face <c>generation_config.json</c> names.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["do_sample"] = Temperature > 0,
        ["temperature"] = Temperature,
        ["top_p"] = TopP,
        ["max_new_tokens"] = MaxNewTokens,
        ["seed"] = Seed,
    });
}
