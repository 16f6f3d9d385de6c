using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using Understudy.Cli.Display;
using Understudy.Core.Datasets.Import;

namespace Understudy.Cli.Commands.Datasets;

/// <summary><c>understudy datasets import FILE --name ID</c>: a JSONL/CSV/Parquet file of pairs or chats → coverage train/test.</summary>
internal static class DatasetsImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSONL, CSV or Parquet file of (prompt, response) pairs or chat 'messages'." };
        var name = new Option<string>("--name") { Description = "Dataset id to create or replace (name or owner/name).", Required = true };
        var testSize = new Option<double>("--test-size") { Description = "Share of rows in the test split (0 = train only).", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the train/test split.", DefaultValueFactory = _ => 42 };
        var stratify = new Option<bool>("--stratify") { Description = "Split each category separately (keeps category proportions)." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Count and skip invalid rows instead of stopping at the first." };
        var promptColumn = new Option<string?>("--prompt-column") { Description = "Column with the prompt [default: prompt, instruction, question, input or query]." };
        var responseColumn = new Option<string?>("--response-column") { Description = "Column with the reference answer [default: response, output, answer, completion or chosen]." };
        var messagesColumn = new Option<string?>("--messages-column") { Description = "Column with a chat [default: messages or conversations]." };
        var categoryColumn = new Option<string?>("--category-column") { Description = "Column with the category [default: category, task or type]." };
        var category = new Option<string>("--category") { Description = "Category of rows that have none.", DefaultValueFactory = _ => "" };
        var format = new Option<DatasetFileFormat>("--format") { Description = "File format [default: from the extension].", DefaultValueFactory = _ => DatasetFileFormat.Auto };
        var command = new Command("import", "Import pairs or chats as a coverage dataset with reproducible train/test splits; exact duplicates are dropped.")
        {
            file, name, testSize, seed, stratify, skipInvalid, promptColumn, responseColumn, messagesColumn, categoryColumn, category, format,
        };
        DatasetsCommandRunner.SetAction(command, async (runner, parseResult, cancellationToken) =>
        {
            var options = new ImportOptions
            {
                Format = parseResult.GetValue(format),
                PromptColumn = parseResult.GetValue(promptColumn),
                ResponseColumn = parseResult.GetValue(responseColumn),
                MessagesColumn = parseResult.GetValue(messagesColumn),
                CategoryColumn = parseResult.GetValue(categoryColumn),
                DefaultCategory = parseResult.GetValue(category)!,
                TestSize = parseResult.GetValue(testSize),
                Seed = parseResult.GetValue(seed),
                StratifyByCategory = parseResult.GetValue(stratify),
                SkipInvalid = parseResult.GetValue(skipInvalid),
            };
            ImportReport report = await new DatasetImporter(runner.Store).ImportAsync(parseResult.GetValue(file)!, parseResult.GetValue(name)!, options, cancellationToken);
            foreach (string problem in report.Problems)
            {
                await runner.Error.WriteLineAsync("skipped: " + problem);
            }
            string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
            SummaryTable.Write(runner.Console, Markup.Escape($"Imported {report.DatasetId}"), ["", "rows"],
            [
                ["read", N(report.RowsRead)],
                ["duplicates dropped", N(report.Duplicates)],
                ["invalid skipped", N(report.Invalid)],
                ["train", N(report.TrainRows)],
                ["test", N(report.TestRows)],
            ]);
        });
        return command;
    }
}
