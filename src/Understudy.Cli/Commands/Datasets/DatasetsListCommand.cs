using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using Understudy.Cli.Display;

namespace Understudy.Cli.Commands.Datasets;

/// <summary><c>understudy datasets list</c>: every dataset of the workspace with its splits, rows and producer.</summary>
internal static class DatasetsListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the workspace's datasets with their splits, row counts and the command that wrote them.");
        DatasetsCommandRunner.SetAction(command, async (runner, _, cancellationToken) =>
        {
            var datasets = await runner.Store.ListAsync(cancellationToken);
            if (datasets.Count == 0)
            {
                runner.Output.WriteLine($"No datasets in {runner.Store.RootPath}. Add one with: understudy datasets import FILE --name NAME");
                return;
            }
            var rows = datasets.SelectMany(dataset => dataset.Splits.Select(split => (IReadOnlyList<string>)
            [
                dataset.Id,
                split.Name,
                split.RowCount.ToString("N0", CultureInfo.InvariantCulture),
                split.Provenance?.Command ?? "",
                split.Provenance?.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
            ]));
            SummaryTable.Write(runner.Console, Markup.Escape($"Datasets in {runner.Store.RootPath}"), ["dataset", "split", "rows", "written by", "created (UTC)"], rows);
        });
        return command;
    }
}
