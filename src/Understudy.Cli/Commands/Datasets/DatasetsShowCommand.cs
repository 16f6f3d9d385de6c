using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using Understudy.Cli.Display;
using Understudy.Core.Datasets;

namespace Understudy.Cli.Commands.Datasets;

/// <summary><c>understudy datasets show ID</c>: a dataset's splits, columns and provenance.</summary>
internal static class DatasetsShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Dataset id (name or owner/name)." };
        var command = new Command("show", "Show a dataset's splits, row counts, columns and what produced each split.") { id };
        DatasetsCommandRunner.SetAction(command, async (runner, parseResult, cancellationToken) =>
        {
            string datasetId = parseResult.GetValue(id)!;
            DatasetInfo info = await runner.Store.GetAsync(datasetId, cancellationToken)
                ?? throw new DatasetNotFoundException(DatasetIds.IsHubId(datasetId)
                    ? $"Dataset '{datasetId}' is not in the workspace; fetch it with: understudy datasets pull {datasetId}"
                    : $"Dataset '{datasetId}' is not in the workspace ({runner.Store.RootPath}); see: understudy datasets list");
            var rows = info.Splits.Select(split => (IReadOnlyList<string>)
            [
                split.Name,
                split.RowCount.ToString("N0", CultureInfo.InvariantCulture),
                string.Join(", ", split.Columns),
                split.Provenance is null ? "" : Describe(split.Provenance),
            ]);
            SummaryTable.Write(runner.Console, Markup.Escape($"Dataset {info.Id}"), ["split", "rows", "columns", "provenance"], rows);
        });
        return command;
    }

    private static string Describe(DatasetProvenance provenance)
    {
        var parts = new List<string> { provenance.Command, provenance.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) };
        if (provenance.ConfigHash.Length > 0)
        {
            parts.Add("config " + provenance.ConfigHash[..Math.Min(12, provenance.ConfigHash.Length)]);
        }
        if (provenance.Inputs.Count > 0)
        {
            parts.Add("from " + string.Join(", ", provenance.Inputs));
        }
        return string.Join("; ", parts);
    }
}
