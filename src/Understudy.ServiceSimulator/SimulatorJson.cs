using System.Text.Encodings.Web;
using System.Text.Json;

namespace Understudy.ServiceSimulator;

/// <summary>
/// JSON writing settings for everything the simulator writes (answers, verdicts, pairs, dataset rows, HTTP bodies):
/// only what JSON requires is escaped, so <c>&lt;ticket&gt;</c>, quotes in reasons and non-ASCII names stay readable.
/// </summary>
public static class SimulatorJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same escaping for the HTTP bodies (completions, chunks, errors, model lists).</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one JSON value with <paramref name="write"/> and returns it as a string.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
