using System.CommandLine;
using Understudy.Core.Hub;

namespace Understudy.Cli.Commands.Datasets;

/// <summary><c>understudy datasets push ID --to OWNER/NAME</c>: upload every split to a Hub dataset repository.</summary>
internal static class DatasetsPushCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Local dataset id." };
        var target = new Option<string>("--to") { Description = "Hugging Face dataset id (owner/name); created if missing.", Required = true };
        var isPrivate = new Option<bool>("--private") { Description = "Create the repository as private." };
        var revision = new Option<string>("--revision") { Description = "Branch to commit to.", DefaultValueFactory = _ => "main" };
        var command = new Command("push",
            "Upload every split as data/<split>-00000-of-00001.parquet to a Hub dataset repository in one commit (needs HF_TOKEN with write access).")
        {
            id, target, isPrivate, revision,
        };
        DatasetsCommandRunner.SetAction(command, async (runner, parseResult, cancellationToken) =>
        {
            using var http = new HttpClient();
            var transfer = new HubDatasetTransfer(DatasetsCommandRunner.CreateHubClient(http), runner.Store);
            HubCommitResult commit = await transfer.PushAsync(parseResult.GetValue(id)!, parseResult.GetValue(target)!, parseResult.GetValue(isPrivate),
                parseResult.GetValue(revision)!, cancellationToken);
            runner.Output.WriteLine($"Pushed {parseResult.GetValue(id)} to {parseResult.GetValue(target)}: {commit.CommitUrl}");
        });
        return command;
    }
}
