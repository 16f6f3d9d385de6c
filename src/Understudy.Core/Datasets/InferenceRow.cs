namespace Understudy.Core.Datasets;

/// <summary>
/// One sampled answer of the model under test (batch-infer output). LlamaDuo's columns plus ids that make
/// each (prompt, repeat) pair addressable for resume and evaluation.
/// </summary>
public sealed class InferenceRow
{
    public string PromptId { get; set; } = "";

    /// <summary>0-based index of this sample among the <c>repeat</c> samples drawn for the prompt.</summary>
    public int RepeatIndex { get; set; }

    public string Instructions { get; set; } = "";

    public string TargetResponses { get; set; } = "";

    public string CandidateResponses { get; set; } = "";

    public string ModelId { get; set; } = "";

    public string ModelSha { get; set; } = "";

    /// <summary>The generation config used, as JSON (temperature, top_p, max_tokens, seed...).</summary>
    public string GenerationConfig { get; set; } = "";

    public string Category { get; set; } = "";
}
