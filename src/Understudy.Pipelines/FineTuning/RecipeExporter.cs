using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Understudy.Pipelines.FineTuning;

/// <summary>
/// <c>understudy finetune --export-recipe DIR</c>: the same run as an alignment-handbook recipe for a GPU cluster —
/// <c>config_sft.yaml</c> (the same keys, which <c>scripts/run_sft.py</c> and <c>understudy finetune</c> both read),
/// <c>launch.sh</c> (the <c>accelerate launch</c> line) and a README. The adapters it trains load back into Understudy.
/// </summary>
public static class RecipeExporter
{
    /// <summary>The recipe file name.</summary>
    public const string RecipeFileName = "config_sft.yaml";

    /// <summary>The launch script's file name.</summary>
    public const string LaunchFileName = "launch.sh";

    /// <summary>Writes the recipe files into <paramref name="directory"/> and returns the recipe's path.</summary>
    public static string Export(SftConfig config, string directory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        string recipe = Path.Combine(directory, RecipeFileName);
        File.WriteAllText(recipe, RecipeYaml(config));
        File.WriteAllText(Path.Combine(directory, LaunchFileName), LaunchScript(config));
        File.WriteAllText(Path.Combine(directory, "README.md"), Readme(config));
        return recipe;
    }

    /// <summary>The recipe YAML: every SFT key Understudy shares with the alignment-handbook.</summary>
    public static string RecipeYaml(SftConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var yaml = new StringBuilder();
        yaml.AppendLine("# alignment-handbook SFT recipe exported by `understudy finetune --export-recipe`.");
        yaml.AppendLine("# Datasets must be Hub ids for scripts/run_sft.py: push local ones with `understudy datasets push`.");
        yaml.AppendLine("# Model arguments");
        Scalar(yaml, "model_name_or_path", config.ModelNameOrPath);
        Scalar(yaml, "model_revision", config.ModelRevision);
        Scalar(yaml, "torch_dtype", config.TorchDtype);
        Scalar(yaml, "attn_implementation", config.AttnImplementation);
        if (!string.IsNullOrWhiteSpace(config.TokenizerNameOrPath)) Scalar(yaml, "tokenizer_name_or_path", config.TokenizerNameOrPath);
        if (!string.IsNullOrWhiteSpace(config.ChatTemplate)) Scalar(yaml, "chat_template", config.ChatTemplate);
        Scalar(yaml, "use_peft", config.UsePeft);
        Scalar(yaml, "lora_r", config.LoraR);
        Scalar(yaml, "lora_alpha", config.LoraAlpha);
        Scalar(yaml, "lora_dropout", config.LoraDropout);
        List(yaml, "lora_target_modules", config.LoraTargetModules);
        Scalar(yaml, "load_in_8bit", config.LoadIn8bit);
        Scalar(yaml, "load_in_4bit", config.LoadIn4bit);
        yaml.AppendLine().AppendLine("# Data training arguments");
        yaml.AppendLine("dataset_mixer:");
        foreach (var (dataset, fraction) in config.DatasetMixer) yaml.Append("  ").Append(Quote(dataset)).Append(": ").AppendLine(Number(fraction));
        List(yaml, "dataset_splits", config.DatasetSplits);
        yaml.AppendLine().AppendLine("# SFT trainer config");
        if (config.TorchDtype == "bfloat16") Scalar(yaml, "bf16", true);
        Scalar(yaml, "max_seq_length", config.MaxSeqLength);
        Scalar(yaml, "packing", config.Packing);
        Scalar(yaml, "learning_rate", config.LearningRate);
        Scalar(yaml, "lr_scheduler_type", config.LrSchedulerType);
        Scalar(yaml, "warmup_ratio", config.WarmupRatio);
        Scalar(yaml, "warmup_steps", config.WarmupSteps);
        Scalar(yaml, "num_train_epochs", config.NumTrainEpochs);
        Scalar(yaml, "max_steps", config.MaxSteps);
        Scalar(yaml, "per_device_train_batch_size", config.PerDeviceTrainBatchSize);
        Scalar(yaml, "per_device_eval_batch_size", config.PerDeviceEvalBatchSize);
        Scalar(yaml, "gradient_accumulation_steps", config.GradientAccumulationSteps);
        Scalar(yaml, "gradient_checkpointing", config.GradientCheckpointing);
        Scalar(yaml, "weight_decay", config.WeightDecay);
        Scalar(yaml, "max_grad_norm", config.MaxGradNorm);
        Scalar(yaml, "optim", config.Optim);
        Scalar(yaml, "seed", config.Seed);
        Scalar(yaml, "do_eval", config.DoEval);
        Scalar(yaml, "eval_strategy", config.EvalStrategy);
        if (config.EvalSteps > 0) Scalar(yaml, "eval_steps", config.EvalSteps);
        Scalar(yaml, "logging_steps", config.LoggingSteps);
        Scalar(yaml, "save_strategy", config.SaveStrategy);
        Scalar(yaml, "save_steps", config.SaveSteps);
        Scalar(yaml, "save_total_limit", config.SaveTotalLimit);
        Scalar(yaml, "output_dir", config.OutputDir);
        if (!string.IsNullOrWhiteSpace(config.HubModelId)) Scalar(yaml, "hub_model_id", config.HubModelId);
        Scalar(yaml, "push_to_hub", config.PushToHub);
        return yaml.ToString();
    }

    /// <summary>The accelerate command line (one process per GPU; QLoRA recipes run on one GPU).</summary>
    public static string LaunchCommand(SftConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        bool quantized = config.LoadIn4bit || config.LoadIn8bit;
        string accelerate = quantized ? "recipes/accelerate_configs/multi_gpu.yaml --num_processes=1" : "recipes/accelerate_configs/multi_gpu.yaml --num_processes=8";
        return $"ACCELERATE_LOG_LEVEL=info accelerate launch --config_file {accelerate} scripts/run_sft.py {RecipeFileName}";
    }

    private static string LaunchScript(SftConfig config) =>
        "#!/usr/bin/env bash\n# Run from a clone of https://github.com/huggingface/alignment-handbook with this folder's config_sft.yaml copied there.\nset -euo pipefail\n"
        + LaunchCommand(config) + "\n";

    private static string Readme(SftConfig config) => $"""
        # Fine-tuning recipe exported by Understudy

        `{RecipeFileName}` holds the same keys `understudy finetune --from-config` reads, in the
        alignment-handbook's SFT recipe format. To train on a GPU machine or cluster:

        1. Clone https://github.com/huggingface/alignment-handbook and install it (`pip install .`).
        2. Push the datasets named under `dataset_mixer` to the Hub (`understudy datasets push ID OWNER/NAME`)
           and replace the local ids with the Hub ids.
        3. Copy `{RecipeFileName}` into the clone and run `{LaunchFileName}` there:

               {LaunchCommand(config)}

        The adapter (`use_peft: true`) lands in `{config.OutputDir}` as `adapter_config.json` +
        `adapter_model.safetensors`; Understudy loads it back (see docs/finetuning.md). Understudy-only keys
        (`adapter`, `save_merged_model`, `resume_from_checkpoint`) are left out of the recipe.
        """ + "\n";

    private static void Scalar(StringBuilder yaml, string key, object value) => yaml.Append(key).Append(": ").AppendLine(value switch
    {
        string text => Quote(text),
        bool flag => flag ? "true" : "false",
        double number => Number(number),
        int integer => integer.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Unsupported recipe value for {key}.", nameof(value)),
    });

    private static void List(StringBuilder yaml, string key, IEnumerable<string> items)
    {
        yaml.Append(key).AppendLine(":");
        foreach (string item in items) yaml.Append("- ").AppendLine(Quote(item));
    }

    // JSON string syntax is valid YAML (double-quoted scalars), and keeps Jinja templates intact.
    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string Number(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
