using System.CommandLine;
using Spectre.Console;
using System.Text.Encodings.Web;
using System.Text.Json;
using Understudy.Cli.Display;

namespace Understudy.Cli.Commands.Datasets;

/// <summary><c>understudy datasets head ID [--split test] [-n 5] [--json]</c>: the first rows of a split.</summary>
internal static class DatasetsHeadCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Dataset id (name or owner/name)." };
        var split = new Option<string>("--split") { Description = "Split to read.", DefaultValueFactory = _ => "train" };
        var count = new Option<int>("--rows", "-n") { Description = "Rows to show.", DefaultValueFactory = _ => 5 };
        var width = new Option<int>("--width") { Description = "Characters shown per cell (0 = all).", DefaultValueFactory = _ => 80 };
        var json = new Option<bool>("--json") { Description = "Print the rows as JSON lines instead of a table." };
        var command = new Command("head", "Show the first rows of a split (any columns, including nested messages).") { id, split, count, width, json };
        DatasetsCommandRunner.SetAction(command, async (runner, parseResult, cancellationToken) =>
        {
            int limit = parseResult.GetValue(count);
            if (limit < 0)
            {
                throw new ArgumentException("-n must be 0 or more.");
            }
            var records = await runner.Store.ReadRecordsAsync(parseResult.GetValue(id)!, parseResult.GetValue(split)!, cancellationToken)
                .Take(limit).ToListAsync(cancellationToken);
            if (parseResult.GetValue(json))
            {
                records.ForEach(record => runner.Output.WriteLine(JsonSerializer.Serialize(record, JsonOptions)));
                return;
            }
            if (records.Count == 0)
            {
                runner.Output.WriteLine("(no rows)");
                return;
            }
            int cellWidth = parseResult.GetValue(width);
            var columns = records[0].Keys.ToList();
            var rows = records.Select(record => (IReadOnlyList<string>)columns.Select(column => Cell(record.GetValueOrDefault(column), cellWidth)).ToList());
            SummaryTable.Write(runner.Console, Markup.Escape($"{parseResult.GetValue(id)} [{parseResult.GetValue(split)}]"), columns, rows);
        });
        return command;
    }

    private static string Cell(object? value, int width)
    {
        string text = value switch
        {
            null => "",
            string s => s,
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => JsonSerializer.Serialize(value, JsonOptions),
        };
        return width > 0 && text.Length > width ? text[..width] + "…" : text;
    }
}
