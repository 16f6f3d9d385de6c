using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Core.Configuration;
using Understudy.Core.Observability;

namespace Understudy.Pipelines.FineTuning;

/// <summary>
/// Config of <c>understudy finetune</c>: the alignment-handbook / TRL <c>SFTConfig</c> keys, so a recipe reads the same
/// here and in <c>scripts/run_sft.py</c>. Each property is a snake_case YAML key and a kebab-case flag.
/// </summary>
[IgnoredKey("bf16", "Understudy takes the training dtype from torch_dtype (bfloat16 or float32).")]
[IgnoredKey("attn_implementation", "the built-in engine has one attention implementation.")]
[IgnoredKey("preprocessing_num_workers", "examples are encoded in-process as training starts.")]
[IgnoredKey("report_to", "metrics go to the run summary (understudy runs show).")]
[IgnoredKey("log_level", "use --verbose.")]
[IgnoredKey("logging_strategy", "logging happens every logging_steps.")]
[IgnoredKey("overwrite_output_dir", "a rerun with the same output_dir resumes from its last checkpoint; set resume_from_checkpoint: false to start over.")]
[IgnoredKey("remove_unused_columns", "only the messages column is read.")]
[IgnoredKey("hub_strategy", "push_to_hub uploads the final model only.")]
[IgnoredKey("hub_private_repo", "push_to_hub is not available in-process (see docs/finetuning.md).")]
[IgnoredKey("use_flash_attention_2", "the built-in engine has one attention implementation.")]
public sealed class SftConfig : TracingConfig
{
    [Required]
    [Description("Base model: a local Hugging Face model folder, a Hub id (resolved into the HF cache), or a previous finetune's model folder to continue training.")]
    public string ModelNameOrPath { get; set; } = "";

    [Description("Hub revision of model_name_or_path (a branch, tag or commit).")]
    public string ModelRevision { get; set; } = "main";

    [OneOf("float32", "bfloat16", "auto")]
    [Description("Dtype of the trained weights and compute: float32, bfloat16, or auto (the checkpoint's own).")]
    public string TorchDtype { get; set; } = "float32";

    [OneOf("sdpa", "eager")]
    [Description("Attention of the training passes: sdpa (libtorch's fused kernel, much faster on long rows) or eager (the explicit softmax(QK^T)V).")]
    public string AttnImplementation { get; set; } = "sdpa";

    [Description("Tokenizer folder or Hub id; empty = model_name_or_path.")]
    public string TokenizerNameOrPath { get; set; } = "";

    [Description("Jinja chat template to train (and save) with; empty = the tokenizer's own.")]
    public string ChatTemplate { get; set; } = "";

    [Description("true: train LoRA adapters on frozen base weights (PEFT format output); false: full fine-tuning.")]
    public bool UsePeft { get; set; } = true;

    [ConfigKey("lora_r")]
    [Range(1, 4096)]
    [Description("LoRA rank r.")]
    public int LoraR { get; set; } = 16;

    [Range(0.0, 1_000_000.0)]
    [Description("LoRA alpha: the update is scaled by lora_alpha / lora_r.")]
    public double LoraAlpha { get; set; } = 32;

    [Range(0.0, 0.99)]
    [Description("Dropout on the input of LoRA's A matrix.")]
    public double LoraDropout { get; set; } = 0.05;

    [Description("Module names (q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj) to wrap with LoRA; 'all-linear' wraps every linear layer but lm_head.")]
    public List<string> LoraTargetModules { get; set; } = ["q_proj", "k_proj", "v_proj", "o_proj"];

    [Description("Adapter folder (PEFT format) to continue training from (use_peft only); empty = fresh adapters.")]
    public string Adapter { get; set; } = "";

    [ConfigKey("load_in_8bit")]
    [Description("Store the frozen base linears 8-bit (weight-only, per-group scales) to cut training memory (use_peft only).")]
    public bool LoadIn8bit { get; set; }

    [ConfigKey("load_in_4bit")]
    [Description("Store the frozen base linears 4-bit (weight-only, per-group scales) to cut training memory (use_peft only).")]
    public bool LoadIn4bit { get; set; }

    [Description("Also write the LoRA-merged full model to <output_dir>/merged (use_peft only); the model_dir of the result.")]
    public bool SaveMergedModel { get; set; } = true;

    [Description("Dataset → fraction of its train split to use, sampled reproducibly with seed. A dataset is a dataset id of the workspace store, or a .jsonl/.json/.parquet file with a messages column ('{split}' in the path is replaced by the split name).")]
    public Dictionary<string, double> DatasetMixer { get; set; } = [];

    [Description("Splits read from every dataset: names containing 'train' are training data, names containing 'test' are eval data.")]
    public List<string> DatasetSplits { get; set; } = ["train", "test"];

    [Range(8, 1_048_576)]
    [Description("Longest tokenized example; longer ones are truncated (and counted).")]
    public int MaxSeqLength { get; set; } = 2048;

    [Description("Pack several examples into each max_seq_length row (no attention across examples, positions restart per example).")]
    public bool Packing { get; set; }

    [Range(0.0, 1.0)]
    [Description("Peak learning rate of AdamW.")]
    public double LearningRate { get; set; } = 2e-4;

    [OneOf("linear", "cosine", "constant", "constant_with_warmup")]
    [Description("Learning-rate schedule after warm-up: linear decay to 0, cosine decay to 0, or constant.")]
    public string LrSchedulerType { get; set; } = "cosine";

    [Range(0.0, 1.0)]
    [Description("Share of the optimizer steps spent warming the learning rate up from 0 (ignored when warmup_steps > 0).")]
    public double WarmupRatio { get; set; } = 0.1;

    [Range(0, int.MaxValue)]
    [Description("Warm-up optimizer steps; overrides warmup_ratio when > 0.")]
    public int WarmupSteps { get; set; }

    [Range(0.0, 10_000.0)]
    [Description("Passes over the training data (fractions allowed); ignored when max_steps > 0.")]
    public double NumTrainEpochs { get; set; } = 1;

    [Range(-1, int.MaxValue)]
    [Description("Optimizer steps to train; -1 = num_train_epochs decides.")]
    public int MaxSteps { get; set; } = -1;

    [Range(1, 65536)]
    [Description("Examples per forward pass during training.")]
    public int PerDeviceTrainBatchSize { get; set; } = 4;

    [Range(1, 65536)]
    [Description("Examples per forward pass during evaluation.")]
    public int PerDeviceEvalBatchSize { get; set; } = 4;

    [Range(1, 65536)]
    [Description("Forward/backward passes whose gradients are summed into one optimizer step.")]
    public int GradientAccumulationSteps { get; set; } = 1;

    [Description("Recompute each decoder layer's activations during backward instead of keeping them (less memory, ~30 % more compute).")]
    public bool GradientCheckpointing { get; set; }

    [Range(0.0, 10.0)]
    [Description("AdamW decoupled weight decay (not applied to biases and norm weights).")]
    public double WeightDecay { get; set; }

    [Range(0.0, 1_000_000.0)]
    [Description("Clip the global gradient norm to this value; 0 = no clipping.")]
    public double MaxGradNorm { get; set; } = 1.0;

    [Description("Optimizer: adamw_torch (adamw_hf is an alias).")]
    public string Optim { get; set; } = "adamw_torch";

    [Description("Seed of data sampling, shuffling, LoRA initialisation and dropout.")]
    public int Seed { get; set; } = 42;

    [Description("Compute the eval loss on the test splits (see eval_strategy).")]
    public bool DoEval { get; set; } = true;

    [OneOf("no", "steps", "epoch")]
    [Description("When to compute the eval loss: no, every eval_steps optimizer steps, or at each epoch's end.")]
    public string EvalStrategy { get; set; } = "epoch";

    [Range(0, int.MaxValue)]
    [Description("Optimizer steps between evaluations with eval_strategy: steps; 0 = logging_steps.")]
    public int EvalSteps { get; set; }

    [Range(1, int.MaxValue)]
    [Description("Optimizer steps between train-loss log entries.")]
    public int LoggingSteps { get; set; } = 5;

    [OneOf("no", "steps", "epoch")]
    [Description("When to write a resumable checkpoint: no, every save_steps optimizer steps, or at each epoch's end.")]
    public string SaveStrategy { get; set; } = "steps";

    [Range(1, int.MaxValue)]
    [Description("Optimizer steps between checkpoints with save_strategy: steps.")]
    public int SaveSteps { get; set; } = 100;

    [Range(0, int.MaxValue)]
    [Description("Checkpoints kept in output_dir (oldest deleted first); 0 = keep all.")]
    public int SaveTotalLimit { get; set; } = 2;

    [Description("true: a rerun with the same output_dir continues from its last checkpoint-N folder; false: start from step 0.")]
    public bool ResumeFromCheckpoint { get; set; } = true;

    [Required]
    [Description("Folder of the checkpoints and the final adapter/model.")]
    public string OutputDir { get; set; } = "";

    [Description("Hub model repository for push_to_hub (owner/name).")]
    public string HubModelId { get; set; } = "";

    [Description("Upload the final model to hub_model_id (not available in-process yet: the run fails before training and says how to upload).")]
    public bool PushToHub { get; set; }
}
