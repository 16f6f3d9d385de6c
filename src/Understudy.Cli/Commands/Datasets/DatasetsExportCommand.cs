using System.CommandLine;
using Understudy.Core.Datasets.Export;
using Understudy.Core.Datasets.Import;

namespace Understudy.Cli.Commands.Datasets;

/// <summary><c>understudy datasets export ID --split S --out FILE</c>: one split to JSONL, CSV or Parquet.</summary>
internal static class DatasetsExportCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Dataset id (name or owner/name)." };
        var split = new Option<string>("--split") { Description = "Split to export.", DefaultValueFactory = _ => "train" };
        var output = new Option<string>("--out", "-o") { Description = "File to write (.jsonl, .csv or .parquet).", Required = true };
        var format = new Option<DatasetFileFormat>("--format") { Description = "File format [default: from the extension].", DefaultValueFactory = _ => DatasetFileFormat.Auto };
        var command = new Command("export", "Write one split to a JSONL, CSV or Parquet file (every column kept).") { id, split, output, format };
        DatasetsCommandRunner.SetAction(command, async (runner, parseResult, cancellationToken) =>
        {
            string path = parseResult.GetValue(output)!;
            long rows = await new DatasetExporter(runner.Store).ExportAsync(parseResult.GetValue(id)!, parseResult.GetValue(split)!, path,
                parseResult.GetValue(format), cancellationToken);
            runner.Output.WriteLine($"Wrote {rows} rows to {Path.GetFullPath(path)}");
        });
        return command;
    }
}
