using System.Text.Json.Serialization;

namespace Understudy.Core.Datasets;

/// <summary>
/// A row of a coverage / train / test split: a prompt the service LLM answered well.
/// Columns: <c>prompt</c>, <c>prompt_id</c>, <c>messages</c>, <c>category</c> (LlamaDuo's published schema).
/// The reference answer is the last assistant turn of <see cref="Messages"/>.
/// </summary>
public sealed class CoverageRow
{
    /// <summary>Stable content hash of the prompt and reference (see <see cref="RowId"/>).</summary>
    [JsonPropertyName("prompt_id")]
    public string PromptId { get; set; } = "";

    [JsonPropertyName("prompt")]
    public string Prompt { get; set; } = "";

    [JsonPropertyName("messages")]
    public List<ChatTurn> Messages { get; set; } = [];

    [JsonPropertyName("category")]
    public string Category { get; set; } = "";
}
