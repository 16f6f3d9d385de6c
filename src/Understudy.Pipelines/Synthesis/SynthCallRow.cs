namespace Understudy.Pipelines.Synthesis;

/// <summary>
/// One generator call, kept in <c>&lt;synth_ds_split&gt;_calls</c>: what it was shown, what came of it. The log lets a
/// rerun continue the seed sequence where the last call stopped, and shows where a budget went.
/// </summary>
public sealed class SynthCallRow
{
    /// <summary>Identity hash of the synth settings the call belongs to.</summary>
    public string RunIdentity { get; set; } = "";

    /// <summary>Position in the seed sequence (0-based, continues across runs).</summary>
    public long CallIndex { get; set; }

    public string SeedPromptId { get; set; } = "";

    /// <summary>"ok" or "failed: reason".</summary>
    public string Status { get; set; } = "";

    public int ValidPairs { get; set; }

    /// <summary>Pairs kept as new synthetic rows.</summary>
    public int AcceptedPairs { get; set; }

    /// <summary>Entries that lacked an instruction or a response.</summary>
    public int InvalidPairs { get; set; }

    /// <summary>Valid pairs dropped because the instruction repeated a seed, an earlier row or another pair.</summary>
    public int DuplicatePairs { get; set; }

    /// <summary>Valid new pairs beyond num_samples, not kept.</summary>
    public int SurplusPairs { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public string Date { get; set; } = "";
}
