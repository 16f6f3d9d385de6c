using System.Text.Json.Serialization;

namespace Understudy.Core.Datasets;

/// <summary>
/// A synthetic training pair made by the teacher from seed rows. Columns: <c>generators</c>, <c>prompt_ids</c>
/// (here: the seed rows' ids), <c>messages</c>, <c>category</c> (LlamaDuo's) plus provenance of our own.
/// </summary>
public sealed class SynthRow
{
    /// <summary>Content-hash id of this synthetic pair.</summary>
    [JsonPropertyName("prompt_id")]
    public string PromptId { get; set; } = "";

    [JsonPropertyName("prompt")]
    public string Prompt { get; set; } = "";

    [JsonPropertyName("messages")]
    public List<ChatTurn> Messages { get; set; } = [];

    [JsonPropertyName("category")]
    public string Category { get; set; } = "";

    /// <summary>The generator model(s) that produced the pair.</summary>
    [JsonPropertyName("generators")]
    public List<string> Generators { get; set; } = [];

    /// <summary>Ids of the seed rows shown to the generator (never their whole text).</summary>
    [JsonPropertyName("prompt_ids")]
    public List<string> PromptIds { get; set; } = [];

    [JsonPropertyName("prompt_template_hash")]
    public string PromptTemplateHash { get; set; } = "";
}
