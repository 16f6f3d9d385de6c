using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Understudy.Core.Runs;

/// <summary>
/// Saves and lists <see cref="RunSummary"/> files in <c>&lt;workspace&gt;/runs/</c>, one JSON file per run.
/// Files are written atomically (temp file, then rename) so a reader never sees half a summary.
/// </summary>
public sealed class RunSummaryStore
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Creates a store for a workspace folder (the folder is created on first save).</summary>
    public RunSummaryStore(string workspace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace);
        Folder = Path.Combine(workspace, "runs");
    }

    /// <summary>The folder holding the summaries.</summary>
    public string Folder { get; }

    /// <summary>A new run id for a command started at <paramref name="startedAt"/>: <c>evaluate-20260101-120000-123</c>.</summary>
    public static string NewId(string command, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        return $"{command}-{startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Writes the summary and returns its path; an existing file with the same id gets a numbered sibling.</summary>
    public string Save(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, summary.Id + ".json");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(Folder, $"{summary.Id}-{n}.json");
        }

        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(summary, JsonOptions));
        File.Move(temp, path);
        return path;
    }

    /// <summary>Reads one summary file.</summary>
    /// <exception cref="InvalidDataException">The file is not a run summary.</exception>
    public static RunSummary Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(path), JsonOptions)
                   ?? throw new InvalidDataException($"{path}: empty run summary");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid run summary ({e.Message})", e);
        }
    }

    /// <summary>All summaries, newest first; optionally only those of one command.</summary>
    /// <exception cref="InvalidDataException">A file in the folder is not a run summary (named in the message).</exception>
    public IReadOnlyList<RunSummary> List(string? command = null)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(Folder, "*.json")
            .Select(Read)
            .Where(s => command is null || string.Equals(s.Command, command, StringComparison.Ordinal))
            .OrderByDescending(s => s.StartedAt)
            .ThenByDescending(s => s.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The most recent summary of a command, or null when it never ran in this workspace.</summary>
    public RunSummary? Latest(string command) => List(command).FirstOrDefault();
}
