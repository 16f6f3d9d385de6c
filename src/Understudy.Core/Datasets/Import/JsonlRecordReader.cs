using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Understudy.Core.Datasets.Import;

/// <summary>Reads a JSON Lines file: one JSON object per line; blank lines are skipped; locations are 1-based line numbers.</summary>
internal static class JsonlRecordReader
{
    public static async IAsyncEnumerable<SourceRecord> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        int lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            yield return Parse(line, $"line {lineNumber}");
        }
    }

    private static SourceRecord Parse(string line, string location)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new SourceRecord(location, JsonValues.ToRecord(document.RootElement))
                : new SourceRecord(location, new Dictionary<string, object?>(), $"expected a JSON object, found {document.RootElement.ValueKind}");
        }
        catch (JsonException exception)
        {
            return new SourceRecord(location, new Dictionary<string, object?>(), $"invalid JSON: {exception.Message}");
        }
    }
}
