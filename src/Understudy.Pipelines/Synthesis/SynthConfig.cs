using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Synthesis;

/// <summary>
/// Config of <c>understudy synth</c> (LlamaDuo's <c>synth_data_gen.yaml</c> keys plus Understudy's own). The service
/// LLM keys come from <see cref="ServiceLlmConfig"/>.
/// </summary>
public sealed class SynthConfig : ServiceLlmConfig
{
    [Required]
    [Description("Dataset whose rows are the seeds shown to the generator (coverage schema).")]
    public string ReferenceDsId { get; set; } = "";

    [Description("Split of reference_ds_id to sample seeds from.")]
    public string ReferenceDsSplit { get; set; } = "train";

    [Range(1, 1_000_000)]
    [Description("Valid, new synthetic rows to produce; the run keeps asking until exactly this many exist (or a budget ends it).")]
    public int NumSamples { get; set; } = 10;

    [Description("Seed of the seed-row sampling (without replacement): the same seed picks the same seeds in the same order.")]
    public int Seed { get; set; } = 2024;

    [Description("What the synthetic pairs are about ($topic in the prompt); also their category (empty = the seed row's category).")]
    public string Topic { get; set; } = "";

    [Range(1, 256)]
    [Description("Generator calls in flight at once.")]
    public int GenWorkers { get; set; } = 4;

    [Range(1, 100)]
    [Description("(instruction, response) pairs asked for per call ($num_pairs in the prompt).")]
    public int PairsPerCall { get; set; } = 5;

    [Range(0, 1_000_000)]
    [Description("Most generator calls this run may make; 0 = four times the calls num_samples needs, at least 10.")]
    public int MaxCalls { get; set; }

    [Range(0, long.MaxValue)]
    [Description("Most tokens (input + output) this run may spend; 0 = no limit.")]
    public long MaxTotalTokens { get; set; }

    [Range(0.0, 1_000_000.0)]
    [Description("Most US dollars this run may spend (from the price table of the usage ledger); 0 = no limit.")]
    public double MaxCostUsd { get; set; }

    [Range(0, 10)]
    [Description("Times a malformed generator answer (not the JSON asked for) is re-asked before the call is recorded as failed.")]
    public int GenMaxReasks { get; set; } = 1;

    [Description("Ask for JSON-schema structured output (turn off for providers that reject response_format).")]
    public bool StructuredOutput { get; set; } = true;

    [Range(0.0, 2.0)]
    [Description("Generator sampling temperature (higher = more diverse pairs).")]
    public double GenTemperature { get; set; } = 1.0;

    [Required]
    [Description("Output dataset of the synthetic rows (generators, prompt_ids, messages, category...).")]
    public string SynthDsId { get; set; } = "";

    [Description("Output split.")]
    public string SynthDsSplit { get; set; } = "train";

    [Description("true: add the new rows to the split (rows already there are never duplicated); false: replace the split with them.")]
    public bool SynthDsAppend { get; set; } = true;

    /// <summary>The call budget after applying the <c>0 = automatic</c> rule.</summary>
    public int EffectiveMaxCalls => MaxCalls > 0 ? MaxCalls : Math.Max(10, 4 * ((NumSamples + PairsPerCall - 1) / PairsPerCall));
}
