using System.Runtime.CompilerServices;
using CsvHelper;

namespace Understudy.Core.Datasets.Import;

/// <summary>
/// Reads a CSV file with a header row (separator detected: comma, semicolon, tab or bar). Every field is text; a
/// <c>messages</c> field holding JSON is parsed later. Locations are the line where the record starts, counting
/// the header and the lines inside quoted fields, so an editor jumps straight to it.
/// </summary>
internal static class CsvRecordReader
{
    public static async IAsyncEnumerable<SourceRecord> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions { TrackLineNumbers = true };
        await using CsvReader csv = CsvReader.FromFile(path, options);
        IReadOnlyList<string> header = [.. csv.Headers];
        while (await csv.ReadAsync(cancellationToken))
        {
            header = header.Count > 0 ? header : [.. csv.Headers];
            string location = $"line {csv.LineNumber}";
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (int column = 0; column < header.Count; column++)
            {
                fields[header[column]] = column < csv.FieldCount ? csv.GetString(column) : null;
            }
            yield return csv.FieldCount == header.Count
                ? new SourceRecord(location, fields)
                : new SourceRecord(location, fields, $"has {csv.FieldCount} fields but the header has {header.Count}");
        }
    }
}
