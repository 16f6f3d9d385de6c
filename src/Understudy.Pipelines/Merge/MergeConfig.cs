using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Core.Observability;

namespace Understudy.Pipelines.Merge;

/// <summary>Config of <c>understudy merge</c> (LlamaDuo's <c>dataset_merge.yaml</c> keys plus Understudy's own).</summary>
public sealed class MergeConfig : TracingConfig
{
    [Required]
    [Description("The first dataset (usually the coverage dataset), coverage or synth schema.")]
    public string FirstDsId { get; set; } = "";

    [Description("Train split of the first dataset.")]
    public string FirstDsTrainSplit { get; set; } = "train";

    [Description("Test split of the first dataset (empty = none).")]
    public string FirstDsTestSplit { get; set; } = "test";

    [Required]
    [Description("The second dataset (usually synth output), coverage or synth schema.")]
    public string SecondDsId { get; set; } = "";

    [Description("Train split of the second dataset.")]
    public string SecondDsTrainSplit { get; set; } = "train";

    [Description("Test split of the second dataset to add to the result's test split (empty = none).")]
    public string SecondDsTestSplit { get; set; } = "";

    [Required]
    [Description("The merged dataset (coverage schema: prompt, prompt_id, messages, category).")]
    public string ResultDsId { get; set; } = "";

    [Description("Train split of the result.")]
    public string ResultDsTrainSplit { get; set; } = "train";

    [Description("Test split of the result.")]
    public string ResultDsTestSplit { get; set; } = "test";

    [Description("true: keep the rows already in the result's train split and add the merged ones (no row twice); false: replace it.")]
    public bool ResultDsTrainAppend { get; set; } = true;

    [Description("true: keep the rows already in the result's test split and add the merged ones (no row twice); false: replace it.")]
    public bool ResultDsTestAppend { get; set; }

    [Description("Drop train rows whose prompt also appears in the test split, so the test split stays unseen in training.")]
    public bool Decontaminate { get; set; } = true;
}
