using Understudy.Core.Configuration;
using Understudy.Engine.Tokenization;
using Understudy.Engine.Training;

namespace Understudy.Pipelines.FineTuning;

/// <summary>The checks across keys that attributes cannot express, and the mapping onto the trainer's options.</summary>
public static class SftConfigRules
{
    /// <summary>The accepted <c>optim</c> values (adamw_hf is transformers' old alias of the same algorithm).</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["adamw_torch", "adamw_hf", "adamw_torch_fused"];

    /// <summary>Throws <see cref="ConfigException"/> naming the key to fix.</summary>
    public static void Validate(SftConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Optimizers.Contains(config.Optim))
            throw new ConfigException($"optim: '{config.Optim}' is not available in Understudy; use adamw_torch (AdamW with decoupled weight decay). For other optimizers export the recipe (--export-recipe) and train with TRL.");
        if (config.LoadIn8bit && config.LoadIn4bit)
            throw new ConfigException("load_in_8bit and load_in_4bit are both true; choose one.");
        if (!config.UsePeft && (config.LoadIn8bit || config.LoadIn4bit))
            throw new ConfigException("load_in_8bit/load_in_4bit quantize the frozen base weights, which only LoRA training has; set use_peft: true or turn quantization off.");
        if (!config.UsePeft && !string.IsNullOrWhiteSpace(config.Adapter))
            throw new ConfigException("adapter: continuing from an adapter needs use_peft: true (to continue a full fine-tune, set model_name_or_path to its output folder).");
        if (config.UsePeft && config.LoraTargetModules.Count == 0)
            throw new ConfigException("lora_target_modules: name at least one module (e.g. [q_proj, v_proj]) or 'all-linear'.");
        if (config.PushToHub)
            throw new ConfigException(
                $"push_to_hub: uploading models is not built into Understudy yet (its Hub client pushes datasets). Set push_to_hub: false and, after training, run `huggingface-cli upload {(string.IsNullOrWhiteSpace(config.HubModelId) ? "<owner/name>" : config.HubModelId)} {config.OutputDir}`.");
        if (config.DoEval && config.EvalStrategy == "steps" && config.EvalSteps == 0 && config.LoggingSteps == 0)
            throw new ConfigException("eval_steps: set it (or logging_steps) when eval_strategy is steps.");
    }

    /// <summary>The trainer's options for <paramref name="config"/>.</summary>
    public static TrainingOptions ToTrainingOptions(SftConfig config, ITokenizer tokenizer, string outputDir)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tokenizer);
        bool eval = config.DoEval && config.EvalStrategy != "no";
        return new TrainingOptions
        {
            LearningRate = config.LearningRate,
            LrSchedulerType = config.LrSchedulerType,
            WarmupRatio = config.WarmupRatio,
            WarmupSteps = config.WarmupSteps,
            NumTrainEpochs = config.NumTrainEpochs,
            MaxSteps = config.MaxSteps,
            TrainBatchSize = config.PerDeviceTrainBatchSize,
            EvalBatchSize = config.PerDeviceEvalBatchSize,
            GradientAccumulationSteps = config.GradientAccumulationSteps,
            MaxGradNorm = config.MaxGradNorm,
            WeightDecay = config.WeightDecay,
            Seed = config.Seed,
            GradientCheckpointing = config.GradientCheckpointing,
            Packing = config.Packing,
            MaxSeqLength = config.MaxSeqLength,
            PadTokenId = tokenizer.PadTokenId ?? (tokenizer.EosTokenIds.Count > 0 ? tokenizer.EosTokenIds[0] : 0),
            LoggingSteps = config.LoggingSteps,
            EvalEverySteps = eval && config.EvalStrategy == "steps" ? (config.EvalSteps > 0 ? config.EvalSteps : config.LoggingSteps) : 0,
            EvalAtEpochEnd = eval && config.EvalStrategy == "epoch",
            SaveEverySteps = config.SaveStrategy == "steps" ? config.SaveSteps : 0,
            SaveAtEpochEnd = config.SaveStrategy == "epoch",
            SaveTotalLimit = config.SaveTotalLimit,
            CheckpointDir = outputDir,
            ResumeFromCheckpoint = config.ResumeFromCheckpoint,
        };
    }
}
