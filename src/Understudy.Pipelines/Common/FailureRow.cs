using System.Text.Json.Serialization;

namespace Understudy.Pipelines.Common;

/// <summary>
/// A unit of work that could not be completed after its retry budget: kept in the step's <c>*_failures</c> split
/// with the reason and whatever the model said, so nothing is silently dropped. A rerun retries it.
/// </summary>
public sealed class FailureRow
{
    /// <summary>Id of the input row (prompt id) the work was for.</summary>
    [JsonPropertyName("prompt_id")]
    public string PromptId { get; set; } = "";

    /// <summary>Repeat / call index of the work within its input row.</summary>
    [JsonPropertyName("repeat_index")]
    public int RepeatIndex { get; set; }

    /// <summary>The model that was asked.</summary>
    [JsonPropertyName("model_id")]
    public string ModelId { get; set; } = "";

    /// <summary>Why it failed, e.g. "transport: HttpRequestException: 500 ..." or "malformed: ...".</summary>
    [JsonPropertyName("reason")]
    public string Reason { get; set; } = "";

    /// <summary>The last raw text the model returned, if any.</summary>
    [JsonPropertyName("raw_text")]
    public string RawText { get; set; } = "";

    /// <summary>Calls made before giving up.</summary>
    [JsonPropertyName("attempts")]
    public int Attempts { get; set; }

    /// <summary>UTC time of the failure (ISO 8601).</summary>
    [JsonPropertyName("date")]
    public string Date { get; set; } = "";
}
