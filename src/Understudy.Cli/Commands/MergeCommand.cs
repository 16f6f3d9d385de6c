using System.CommandLine;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Pipelines.Merge;
using static Understudy.Cli.Commands.Pipelines.PipelineCommandSupport;

namespace Understudy.Cli.Commands;

/// <summary><c>understudy merge</c>: combines coverage and synthetic datasets into train/test splits without duplicates.</summary>
public static class MergeCommand
{
    public static Command Create() => ConfigCommand.Create<MergeConfig>(
        "merge", "Merge two datasets into train/test splits (schema normalised, no duplicate rows, test prompts kept out of train)", RunAsync);

    private static async Task<int> RunAsync(ConfigCommandContext<MergeConfig> context, CancellationToken cancellationToken)
    {
        MergeConfig config = context.Config;
        MergeResult result = await new MergePipeline(OpenStore(context.Workspace)).RunAsync(config, cancellationToken);

        SummaryTable.Write(context.Console, $"merge: {result.ResultDatasetId}", ["", "value"],
        [
            [$"{config.ResultDsTrainSplit} rows (new)", $"{Count(result.TrainRows)} ({Count(result.AddedTrainRows)})"],
            [$"{config.ResultDsTestSplit} rows (new)", $"{Count(result.TestRows)} ({Count(result.AddedTestRows)})"],
            ["duplicates dropped", Count(result.DuplicateRows)],
            ["train rows dropped: prompt in test", Count(result.DecontaminatedRows)],
            ["input rows skipped", Count(result.SkippedRows)],
        ]);
        foreach (string reason in result.SkipReasons.Take(10))
        {
            context.Console.WriteLine("skipped: " + reason);
        }
        context.Run.AddInput($"{config.FirstDsId}").AddInput($"{config.SecondDsId}").AddOutput(result.ResultDatasetId)
            .SetMetric("train_rows", result.TrainRows).SetMetric("test_rows", result.TestRows)
            .SetMetric("duplicates", result.DuplicateRows).SetMetric("decontaminated", result.DecontaminatedRows)
            .SetMetric("skipped", result.SkippedRows);
        return ExitCodes.Success;
    }
}
