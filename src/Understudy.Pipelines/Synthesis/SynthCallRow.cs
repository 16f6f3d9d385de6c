using System.Text.Json.Serialization;

namespace Understudy.Pipelines.Synthesis;

/// <summary>
/// One generator call, kept in <c>&lt;synth_ds_split&gt;_calls</c>: what it was shown, what came of it. The log lets a
/// rerun continue the seed sequence where the last call stopped, and shows where a budget went.
/// </summary>
public sealed class SynthCallRow
{
    /// <summary>Identity hash of the synth settings the call belongs to.</summary>
    [JsonPropertyName("run_identity")]
    public string RunIdentity { get; set; } = "";

    /// <summary>Position in the seed sequence (0-based, continues across runs).</summary>
    [JsonPropertyName("call_index")]
    public long CallIndex { get; set; }

    [JsonPropertyName("seed_prompt_id")]
    public string SeedPromptId { get; set; } = "";

    /// <summary>"ok" or "failed: reason".</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = "";

    [JsonPropertyName("valid_pairs")]
    public int ValidPairs { get; set; }

    /// <summary>Pairs kept as new synthetic rows.</summary>
    [JsonPropertyName("accepted_pairs")]
    public int AcceptedPairs { get; set; }

    /// <summary>Entries that lacked an instruction or a response.</summary>
    [JsonPropertyName("invalid_pairs")]
    public int InvalidPairs { get; set; }

    /// <summary>Valid pairs dropped because the instruction repeated a seed, an earlier row or another pair.</summary>
    [JsonPropertyName("duplicate_pairs")]
    public int DuplicatePairs { get; set; }

    /// <summary>Valid new pairs beyond num_samples, not kept.</summary>
    [JsonPropertyName("surplus_pairs")]
    public int SurplusPairs { get; set; }

    [JsonPropertyName("input_tokens")]
    public long InputTokens { get; set; }

    [JsonPropertyName("output_tokens")]
    public long OutputTokens { get; set; }

    [JsonPropertyName("date")]
    public string Date { get; set; } = "";
}
