using System.Text.Json.Serialization;

namespace Understudy.Core.Datasets;

/// <summary>
/// One sampled answer of the model under test (batch-infer output). LlamaDuo's columns plus ids that make
/// each (prompt, repeat) pair addressable for resume and evaluation.
/// </summary>
public sealed class InferenceRow
{
    [JsonPropertyName("prompt_id")]
    public string PromptId { get; set; } = "";

    /// <summary>0-based index of this sample among the <c>repeat</c> samples drawn for the prompt.</summary>
    [JsonPropertyName("repeat_index")]
    public int RepeatIndex { get; set; }

    [JsonPropertyName("instructions")]
    public string Instructions { get; set; } = "";

    [JsonPropertyName("target_responses")]
    public string TargetResponses { get; set; } = "";

    [JsonPropertyName("candidate_responses")]
    public string CandidateResponses { get; set; } = "";

    [JsonPropertyName("model_id")]
    public string ModelId { get; set; } = "";

    [JsonPropertyName("model_sha")]
    public string ModelSha { get; set; } = "";

    /// <summary>The generation config used, as JSON (temperature, top_p, max_tokens, seed...).</summary>
    [JsonPropertyName("generation_config")]
    public string GenerationConfig { get; set; } = "";

    [JsonPropertyName("category")]
    public string Category { get; set; } = "";
}
