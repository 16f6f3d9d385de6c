using System.ComponentModel;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// The <c>steps:</c> section of <c>duo.yaml</c>: the config file of each step, the same files the standalone commands
/// take (<c>understudy evaluate --from-config ...</c>). Empty = the step's defaults. The loop sets the keys that wire
/// the steps together (dataset ids and splits, the model under test, the service keys of the teacher and judge roles,
/// thresholds); a file's own values for those keys are replaced and a warning names them.
/// </summary>
public sealed class DuoStepFiles
{
    [Description("Config of the fine-tuning step (understudy finetune): hyperparameters such as learning_rate, num_train_epochs, use_peft.")]
    public string Finetune { get; set; } = "";

    [Description("Config of batch-infer (sampling: temperature, max_new_tokens, inference_bs, repeat).")]
    public string BatchInfer { get; set; } = "";

    [Description("Config of evaluate (eval_repeat, eval_workers, judge_temperature...).")]
    public string Evaluate { get; set; } = "";

    [Description("Config of synth (num_samples per iteration, pairs_per_call, gen_workers, seed...).")]
    public string Synth { get; set; } = "";

    [Description("Config of curate (dedup, near-dedup, decontamination, rule filters); empty = the curation defaults.")]
    public string Curate { get; set; } = "";

    [Description("Config of merge (decontaminate).")]
    public string Merge { get; set; } = "";
}
