using System.Text;
using System.Text.Json;
using Understudy.Core.Datasets;
using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Example;

/// <summary>
/// Writes the ticket-triage coverage dataset: generated tickets (categories taken in turn, so they are balanced)
/// as JSONL rows in the coverage schema: <c>prompt</c>, <c>prompt_id</c>, <c>messages</c> (user prompt, assistant
/// triage JSON) and <c>category</c> (the triage category). The same seed and count always give the same file.
/// </summary>
public static class CoverageExampleWriter
{
    public const int DefaultRowCount = 80;
    public const int DefaultSeed = 2024;

    /// <summary>The rows as JSONL lines.</summary>
    public static IEnumerable<string> Lines(int rowCount = DefaultRowCount, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1);
        var generator = new TicketGenerator(seed);
        TicketCategory[] categories = Enum.GetValues<TicketCategory>();
        for (int index = 0; index < rowCount; index++)
        {
            GeneratedTicket ticket = generator.Next(categories[index % categories.Length]);
            yield return ToJsonLine(TriagePrompt.Build(ticket.Text), ticket.Truth);
        }
    }

    /// <summary>Writes <paramref name="rowCount"/> rows to <paramref name="path"/> (replacing it), creating its folder.</summary>
    public static async Task WriteAsync(string path, int rowCount = DefaultRowCount, int seed = DefaultSeed, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        await File.WriteAllLinesAsync(path, Lines(rowCount, seed), new UTF8Encoding(false), cancellationToken);
    }

    private static string ToJsonLine(string prompt, TriageRecord truth)
    {
        string response = truth.ToJson();
        string promptId = RowId.FromMessages([new ChatTurn("user", prompt), new ChatTurn("assistant", response)]);
        return SimulatorJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("prompt", prompt);
            writer.WriteString("prompt_id", promptId);
            writer.WriteStartArray("messages");
            WriteTurn(writer, "user", prompt);
            WriteTurn(writer, "assistant", response);
            writer.WriteEndArray();
            writer.WriteString("category", TriageWireNames.Of(truth.Category));
            writer.WriteEndObject();
        });
    }

    private static void WriteTurn(Utf8JsonWriter writer, string role, string content)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", content);
        writer.WriteEndObject();
    }
}
