using System.Text.Json;
using Understudy.Core.Configuration;
using Understudy.Core.Datasets;
using Understudy.Core.Runs;
using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Hub;
using Understudy.Engine.Models;
using Understudy.Engine.Tokenization;
using Understudy.Engine.Training;

namespace Understudy.Pipelines.FineTuning;

/// <summary>
/// <c>understudy finetune</c>: supervised fine-tuning on the built-in engine. Loads the base model and tokenizer,
/// reads and encodes the dataset mix, trains (LoRA adapters or every weight), writes resumable checkpoints into
/// output_dir, and leaves the adapter (PEFT format) and/or a full model folder there. A rerun with the same
/// output_dir resumes from the last checkpoint, or returns the finished result when the run had completed.
/// </summary>
public sealed class FineTuningPipeline
{
    /// <summary>The progress-bar label.</summary>
    public const string StageName = "finetune";

    /// <summary>The summary file written into output_dir when training completes.</summary>
    public const string ResultFileName = "train_results.json";

    private readonly IDatasetStore _store;
    private readonly Func<string, CancellationToken, Task<string>> _resolveFolder;
    private readonly IProgress<TrainingProgress>? _trainingProgress;

    /// <param name="store">The workspace's datasets.</param>
    /// <param name="resolveFolder">Maps a folder or Hub id to a local folder; defaults to the Hub resolver with the environment's settings.</param>
    /// <param name="trainingProgress">Per-step loss, learning rate, tokens/s and ETA (optional).</param>
    public FineTuningPipeline(IDatasetStore store, Func<string, CancellationToken, Task<string>>? resolveFolder = null,
        IProgress<TrainingProgress>? trainingProgress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _resolveFolder = resolveFolder ?? ((id, ct) => new HubModelResolver(HubOptions.FromEnvironment()).ResolveAsync(id, null, ct));
        _trainingProgress = trainingProgress;
    }

    /// <summary>Runs the fine-tune; <paramref name="progress"/> counts optimizer steps (Tokens = tokens trained on).</summary>
    public async Task<FineTuningResult> RunAsync(SftConfig config, IProgress<StepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        SftConfigRules.Validate(config);
        string outputDir = Path.GetFullPath(config.OutputDir);
        string resultPath = Path.Combine(outputDir, ResultFileName);
        if (config.ResumeFromCheckpoint && File.Exists(resultPath))
            return JsonSerializer.Deserialize<FineTuningResult>(await File.ReadAllTextAsync(resultPath, cancellationToken))!
                with
            { Notes = [$"{outputDir} holds a finished run; it was not trained again (set resume_from_checkpoint: false or another output_dir to retrain)."] };

        string modelFolder = await ResolveModelAsync(config.ModelNameOrPath, "model_name_or_path", cancellationToken);
        string tokenizerFolder = string.IsNullOrWhiteSpace(config.TokenizerNameOrPath)
            ? modelFolder
            : await ResolveModelAsync(config.TokenizerNameOrPath, "tokenizer_name_or_path", cancellationToken);
        HfTokenizer tokenizer = HfTokenizer.FromFolder(tokenizerFolder);
        ChatPromptFormatter formatter = CreateFormatter(tokenizer, config.ChatTemplate);

        SftData data = await new SftDataLoader(_store).LoadAsync(config, cancellationToken);
        var encoder = new SftExampleEncoder(formatter, tokenizer, config.MaxSeqLength);
        var train = encoder.EncodeAll(data.Train);
        var eval = config.DoEval && config.EvalStrategy != "no" ? encoder.EncodeAll(data.Eval) : [];

        return await Task.Run(() =>
        {
            using CausalLanguageModel model = CausalLanguageModels.Load(modelFolder, new ModelLoadOptions { TorchDtype = config.TorchDtype, AttnImplementation = config.AttnImplementation });
            using IFineTuningMethod method = FineTuningMethods.Create(config, model, modelFolder);
            var options = SftConfigRules.ToTrainingOptions(config, tokenizer, outputDir);
            var steps = progress is null && _trainingProgress is null ? null : new StepReporter(progress, _trainingProgress);
            Directory.CreateDirectory(outputDir);
            TrainingRunResult run = new CausalLmTrainer(model, method.TrainableParameters, options, method.WriteCheckpointFiles)
                .Train(train, eval, steps, cancellationToken);
            var (adapterDir, modelDir) = method.WriteFinal(outputDir);
            if (modelDir is not null) TokenizerFiles.Copy(tokenizerFolder, modelDir, config.ChatTemplate);
            if (adapterDir is not null && adapterDir != modelDir) TokenizerFiles.Copy(tokenizerFolder, adapterDir, config.ChatTemplate);
            var result = new FineTuningResult
            {
                OutputDir = outputDir,
                AdapterDir = adapterDir,
                ModelDir = modelDir,
                TrainLoss = run.TrainLoss,
                EvalLoss = run.EvalLoss,
                TrainedTokens = run.TokensSeen,
                Steps = run.Steps,
                ResumedFromStep = run.ResumedFromStep,
                WallTime = run.WallTime,
                TruncatedRows = encoder.TruncatedRows,
                TrainExamples = train.Count,
                EvalExamples = eval.Count,
                TrainableParameters = method.TrainableParameters.Sum(p => p.Parameter.numel()),
                Notes = method is LoraFineTuningMethod { Quantization: { } q }
                    ? [.. data.Notes, $"{(config.LoadIn4bit ? 4 : 8)}-bit base: {q.LayerCount} linears {q.BytesBefore / 1048576.0:0.0} MiB → {q.BytesAfter / 1048576.0:0.0} MiB ({q.BytesSaved / 1048576.0:0.0} MiB saved)"]
                    : data.Notes,
            };
            File.WriteAllText(resultPath, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
            return result;
        }, cancellationToken);
    }

    private async Task<string> ResolveModelAsync(string pathOrId, string key, CancellationToken cancellationToken)
    {
        string folder = await _resolveFolder(pathOrId, cancellationToken);
        if (!File.Exists(Path.Combine(folder, CausalLanguageModels.ConfigFileName)) && key == "model_name_or_path")
            throw new ConfigException($"{key}: '{pathOrId}' resolves to '{folder}', which has no config.json; point it at a Hugging Face model folder or Hub id.");
        if (!File.Exists(Path.Combine(folder, "tokenizer.json")) && key == "tokenizer_name_or_path")
            throw new ConfigException($"{key}: '{pathOrId}' resolves to '{folder}', which has no tokenizer.json.");
        return folder;
    }

    private static ChatPromptFormatter CreateFormatter(HfTokenizer tokenizer, string chatTemplate)
    {
        if (string.IsNullOrWhiteSpace(chatTemplate))
        {
            if (tokenizer.Config.ChatTemplates.Count == 0)
                throw new ConfigException("chat_template: the tokenizer has no chat template; give one (Jinja text) in chat_template.");
            return ChatPromptFormatter.FromTokenizer(tokenizer);
        }
        return new ChatPromptFormatter(tokenizer, ChatTemplate.Parse(chatTemplate), tokenizer.Config.BosToken, tokenizer.Config.EosToken);
    }

    /// <summary>Forwards trainer snapshots to the step counter and the detailed observer.</summary>
    private sealed class StepReporter(IProgress<StepProgress>? steps, IProgress<TrainingProgress>? details) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            steps?.Report(new StepProgress(value.Step, value.TotalSteps, value.TokensSeen));
            details?.Report(value);
        }
    }
}
