using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Engine.Training;
using Understudy.Pipelines.FineTuning;
using static Understudy.Cli.Commands.Pipelines.PipelineCommandSupport;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy finetune</c>: supervised fine-tuning (LoRA or full) on the built-in engine with alignment-handbook
/// recipe keys; <c>--export-recipe DIR</c> writes the same run as a recipe for TRL/accelerate instead.
/// </summary>
public static class FinetuneCommand
{
    private static readonly Option<string> ExportRecipe = new("--export-recipe")
    {
        Description = "Write the equivalent alignment-handbook recipe (config_sft.yaml, launch.sh, README.md) into this folder and exit without training",
        HelpName = "dir",
    };

    public static Command Create()
    {
        var command = ConfigCommand.Create<SftConfig>(
            "finetune", "Fine-tune the local model (LoRA or full) on chat datasets; resumes from the last checkpoint in output_dir", RunAsync);
        command.Options.Add(ExportRecipe);
        return command;
    }

    private static async Task<int> RunAsync(ConfigCommandContext<SftConfig> context, CancellationToken cancellationToken)
    {
        SftConfig config = context.Config;
        if (context.ParseResult.GetValue(ExportRecipe) is { Length: > 0 } recipeDir)
        {
            string recipe = RecipeExporter.Export(config, recipeDir);
            context.Console.WriteLine($"Recipe: {recipe}");
            context.Console.WriteLine("Launch: " + RecipeExporter.LaunchCommand(config));
            context.Run.AddOutput(Path.GetFullPath(recipeDir));
            return ExitCodes.Success;
        }

        var latest = new LatestTrainingProgress();
        var pipeline = new FineTuningPipeline(OpenStore(context.Workspace), trainingProgress: latest);
        FineTuningResult result = await context.Progress.RunAsync(FineTuningPipeline.StageName,
            progress => pipeline.RunAsync(config, progress, cancellationToken), latest.Metrics, unit: "steps");

        SummaryTable.Write(context.Console, "finetune", ["", "value"],
        [
            ["output", result.OutputDir],
            ["adapter (PEFT)", result.AdapterDir ?? "-"],
            ["model (HF folder)", result.ModelDir ?? "-"],
            ["steps (resumed from)", $"{Count(result.Steps)} ({Count(result.ResumedFromStep)})"],
            ["train / eval examples", $"{Count(result.TrainExamples)} / {Count(result.EvalExamples)}"],
            ["truncated to max_seq_length", Count(result.TruncatedRows)],
            ["trainable parameters", Count(result.TrainableParameters)],
            ["tokens trained on", Count(result.TrainedTokens)],
            ["final train loss", result.TrainLoss.Count == 0 ? "n/a" : Number(result.TrainLoss[^1].Loss, "0.0000")],
            ["final eval loss", result.EvalLoss.Count == 0 ? "n/a" : Number(result.EvalLoss[^1].Loss, "0.0000")],
            ["wall time", result.WallTime.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)],
        ]);
        foreach (string note in result.Notes) context.Console.WriteLine("note: " + note);
        foreach (string input in config.DatasetMixer.Keys) context.Run.AddInput(input);
        context.Run.AddOutput(result.AdapterDir ?? result.ModelDir ?? result.OutputDir)
            .SetMetric("steps", result.Steps).SetMetric("trained_tokens", result.TrainedTokens)
            .SetMetric("truncated_rows", result.TruncatedRows).SetMetric("train_examples", result.TrainExamples)
            .SetMetric("trainable_parameters", result.TrainableParameters).SetMetric("wall_seconds", result.WallTime.TotalSeconds);
        if (result.TrainLoss.Count > 0) context.Run.SetMetric("train_loss", result.TrainLoss[^1].Loss);
        if (result.EvalLoss.Count > 0) context.Run.SetMetric("eval_loss", result.EvalLoss[^1].Loss);
        return ExitCodes.Success;
    }

    /// <summary>Keeps the latest trainer snapshot for the progress columns (loss, learning rate, tokens/s).</summary>
    private sealed class LatestTrainingProgress : IProgress<TrainingProgress>
    {
        private TrainingProgress? _latest;

        public IReadOnlyList<ProgressMetric> Metrics =>
        [
            new("loss", _ => Volatile.Read(ref _latest) is { } p ? "loss " + Number(p.Loss, "0.0000") : null),
            new("lr", _ => Volatile.Read(ref _latest) is { } p ? "lr " + p.LearningRate.ToString("0.00e+0", CultureInfo.InvariantCulture) : null),
            new("tokens/s", _ => Volatile.Read(ref _latest) is { } p ? Number(p.TokensPerSecond, "0") + " tokens/s" : null),
            new("eval", _ => Volatile.Read(ref _latest) is { EvalLoss: double eval } ? "eval " + Number(eval, "0.0000") : null),
        ];

        public void Report(TrainingProgress value) => Volatile.Write(ref _latest, value);
    }
}
