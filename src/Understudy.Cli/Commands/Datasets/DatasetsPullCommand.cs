using System.CommandLine;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Core.Hub;

namespace Understudy.Cli.Commands.Datasets;

/// <summary><c>understudy datasets pull OWNER/NAME</c>: download a Hub dataset's Parquet splits into the workspace.</summary>
internal static class DatasetsPullCommand
{
    public static Command Create()
    {
        var repo = new Argument<string>("repo") { Description = "Hugging Face dataset id (owner/name)." };
        var localName = new Option<string?>("--as") { Description = "Local dataset id [default: the Hub id]." };
        var revision = new Option<string>("--revision") { Description = "Branch, tag or commit.", DefaultValueFactory = _ => "main" };
        var config = new Option<string?>("--config") { Description = "Config (subset) to pull when the dataset has several." };
        var command = new Command("pull",
            "Download a Hugging Face Hub dataset's Parquet files (HF_ENDPOINT, HF_TOKEN, HF_HOME are honoured); cached files are not downloaded again.")
        {
            repo, localName, revision, config,
        };
        DatasetsCommandRunner.SetAction(command, async (runner, parseResult, cancellationToken) =>
        {
            using var http = new HttpClient();
            var transfer = new HubDatasetTransfer(DatasetsCommandRunner.CreateHubClient(http), runner.Store);
            var progress = new Progress<string>(line => runner.Output.WriteLine(line));
            HubPullReport report = await transfer.PullAsync(parseResult.GetValue(repo)!, parseResult.GetValue(localName), parseResult.GetValue(revision)!,
                parseResult.GetValue(config), progress, cancellationToken);
            SummaryTable.Write(runner.Console, Markup.Escape($"Pulled {report.RepoId}@{report.Revision} as {report.LocalId} ({report.FilesDownloaded} of {report.FilesFound} files downloaded)"),
                ["split", "rows"], report.Splits.Select(split => (IReadOnlyList<string>)[split.Split, split.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        });
        return command;
    }
}
