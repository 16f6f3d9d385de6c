using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Understudy.Core.Lineage;

/// <summary>The read half of the run store: runs, steps with their artifacts, cache look-ups and producers.</summary>
public sealed partial class LineageStore
{
    private const string RunColumns = "id, name, command, config_hash, config_json, status, outcome, message, started_at, ended_at";
    private const string StepColumns = "run_id, step_id, kind, iteration, sequence, status, cache_key, cached_from, started_at, ended_at, metrics_json, error";

    /// <summary>Every run, newest first; optionally only those of one pipeline name.</summary>
    public IReadOnlyList<RunRecord> ListRuns(string? name = null)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = Command(connection,
            $"SELECT {RunColumns} FROM runs WHERE $name IS NULL OR name = $name ORDER BY started_at DESC, id DESC", [("$name", name)]);
        return ReadAll(command, ReadRun);
    }

    /// <summary>One run, or null.</summary>
    public RunRecord? GetRun(string runId)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = Command(connection, $"SELECT {RunColumns} FROM runs WHERE id = $id", [("$id", runId)]);
        return ReadAll(command, ReadRun).FirstOrDefault();
    }

    /// <summary>
    /// The newest unfinished or failed run of a pipeline with this config hash, or one that ended with one of
    /// <paramref name="resumableOutcomes"/> (e.g. a budget that a rerun may raise): the one a restart resumes.
    /// </summary>
    public RunRecord? FindResumable(string name, string configHash, params IReadOnlyCollection<string> resumableOutcomes) =>
        ListRuns(name).FirstOrDefault(r => r.ConfigHash == configHash
            && (r.Status is StepStatus.Running or StepStatus.Failed || (r.Outcome is { } outcome && resumableOutcomes.Contains(outcome))));

    /// <summary>The steps of a run in the order they started, with their inputs and outputs.</summary>
    public IReadOnlyList<StepRecord> GetSteps(string runId)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = Command(connection, $"SELECT {StepColumns} FROM steps WHERE run_id = $run ORDER BY sequence", [("$run", runId)]);
        return [.. ReadAll(command, ReadStep).Select(s => WithArtifacts(connection, s))];
    }

    /// <summary>
    /// The newest finished step (any run) with this cache key, with its outputs: the candidate a new step may reuse.
    /// </summary>
    public StepRecord? FindCompleted(string cacheKey)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = Command(connection,
            $"SELECT {StepColumns} FROM steps WHERE cache_key = $key AND status IN ('succeeded', 'cached') ORDER BY ended_at DESC LIMIT 1",
            [("$key", cacheKey)]);
        StepRecord? step = ReadAll(command, ReadStep).FirstOrDefault();
        return step is null ? null : WithArtifacts(connection, step);
    }

    /// <summary>The steps (any run) that wrote an artifact with this hash: what produced it.</summary>
    public IReadOnlyList<(string RunId, string StepId)> FindProducers(string artifactHash)
    {
        using SqliteConnection connection = Open();
        using SqliteCommand command = Command(connection,
            "SELECT run_id, step_id FROM edges WHERE artifact_hash = $hash AND direction = 'out' ORDER BY run_id, step_id", [("$hash", artifactHash)]);
        return ReadAll(command, r => (r.GetString(0), r.GetString(1)));
    }

    private static StepRecord WithArtifacts(SqliteConnection connection, StepRecord step)
    {
        using SqliteCommand command = Command(connection, """
            SELECT e.direction, e.role, a.kind, a.name, a.hash, a.location FROM edges e
            JOIN artifacts a ON a.hash = e.artifact_hash AND a.name = e.artifact_name
            WHERE e.run_id = $run AND e.step_id = $step ORDER BY e.rowid
            """, [("$run", step.RunId), ("$step", step.StepId)]);
        var edges = ReadAll(command, r => (Direction: r.GetString(0),
            Artifact: new ArtifactRef(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5))));
        return step with
        {
            Inputs = [.. edges.Where(e => e.Direction == "in").Select(e => e.Artifact)],
            Outputs = [.. edges.Where(e => e.Direction == "out").Select(e => e.Artifact)],
        };
    }

    private static RunRecord ReadRun(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), ParseStatus(r.GetString(5)),
        r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), ParseTime(r.GetString(8)),
        r.IsDBNull(9) ? null : ParseTime(r.GetString(9)));

    private static StepRecord ReadStep(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), ParseStatus(r.GetString(5)), r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7), ParseTime(r.GetString(8)), r.IsDBNull(9) ? null : ParseTime(r.GetString(9)),
        JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(10)) ?? [], [], [], r.IsDBNull(11) ? null : r.GetString(11));

    private static List<T> ReadAll<T>(SqliteCommand command, Func<SqliteDataReader, T> read)
    {
        var rows = new List<T>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    private static StepStatus ParseStatus(string text) => Enum.Parse<StepStatus>(text, ignoreCase: true);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
