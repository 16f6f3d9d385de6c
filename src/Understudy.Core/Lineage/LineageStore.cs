using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Understudy.Core.Lineage;

/// <summary>
/// The embedded run store (SQLite, <c>&lt;workspace&gt;/lineage.db</c>): pipeline runs, their steps with status,
/// timings and metrics, the content-addressed artifacts they read and wrote, and the edges between them. Every
/// write is its own transaction, so a killed process leaves the store consistent (its running step stays
/// <see cref="StepStatus.Running"/> and is redone on resume). Reads of steps are in <see cref="LineageStore"/>'s
/// query half (<c>LineageStore.Queries.cs</c>).
/// </summary>
public sealed partial class LineageStore
{
    /// <summary>File name of the store inside a workspace.</summary>
    public const string FileName = "lineage.db";

    private readonly string _connectionString;

    /// <summary>Opens (creating if needed) the store at <paramref name="databasePath"/>.</summary>
    public LineageStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();
        using SqliteConnection connection = Open();
        LineageSchema.Ensure(connection);
    }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>The store of a workspace folder.</summary>
    public static LineageStore ForWorkspace(string workspaceRoot) => new(Path.Combine(workspaceRoot, FileName));

    /// <summary>Records a new run (status <see cref="StepStatus.Running"/>).</summary>
    public void CreateRun(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Execute("""
            INSERT INTO runs (id, name, command, config_hash, config_json, status, outcome, message, started_at, ended_at)
            VALUES ($id, $name, $command, $hash, $config, $status, NULL, NULL, $started, NULL)
            """, ("$id", run.Id), ("$name", run.Name), ("$command", run.Command), ("$hash", run.ConfigHash),
            ("$config", run.ConfigJson), ("$status", Text(StepStatus.Running)), ("$started", Text(run.StartedAt)));
    }

    /// <summary>Marks a run running again (a resumed run).</summary>
    public void ReopenRun(string runId) =>
        Execute("UPDATE runs SET status = $status, outcome = NULL, message = NULL, ended_at = NULL WHERE id = $id",
            ("$id", runId), ("$status", Text(StepStatus.Running)));

    /// <summary>Records how a run ended.</summary>
    public void EndRun(string runId, StepStatus status, string outcome, string message, DateTimeOffset endedAt) =>
        Execute("UPDATE runs SET status = $status, outcome = $outcome, message = $message, ended_at = $ended WHERE id = $id",
            ("$id", runId), ("$status", Text(status)), ("$outcome", outcome), ("$message", message), ("$ended", Text(endedAt)));

    /// <summary>
    /// Records that a step started (replacing an earlier unfinished attempt of the same step in the same run) with
    /// its inputs, and returns its sequence number.
    /// </summary>
    public int StartStep(string runId, string stepId, string kind, int iteration, string cacheKey,
        IReadOnlyList<ArtifactRef> inputs, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using SqliteConnection connection = Open();
        Execute(connection, "BEGIN IMMEDIATE");
        int sequence = Convert.ToInt32(Scalar(connection, "SELECT sequence FROM steps WHERE run_id = $run AND step_id = $step",
            ("$run", runId), ("$step", stepId)) ?? Scalar(connection, "SELECT COALESCE(MAX(sequence), 0) + 1 FROM steps WHERE run_id = $run",
            ("$run", runId)), CultureInfo.InvariantCulture);
        Execute(connection, "DELETE FROM edges WHERE run_id = $run AND step_id = $step", ("$run", runId), ("$step", stepId));
        Execute(connection, """
            INSERT OR REPLACE INTO steps (run_id, step_id, kind, iteration, sequence, status, cache_key, cached_from, started_at, ended_at, metrics_json, error)
            VALUES ($run, $step, $kind, $iteration, $sequence, $status, $key, NULL, $started, NULL, '{}', NULL)
            """, ("$run", runId), ("$step", stepId), ("$kind", kind), ("$iteration", iteration), ("$sequence", sequence),
            ("$status", Text(StepStatus.Running)), ("$key", cacheKey), ("$started", Text(startedAt)));
        AddEdges(connection, runId, stepId, "in", inputs, startedAt);
        Execute(connection, "COMMIT");
        return sequence;
    }

    /// <summary>Records a finished (or cached) step with its outputs and metrics.</summary>
    public void CompleteStep(string runId, string stepId, StepStatus status, string? cachedFrom,
        IReadOnlyList<ArtifactRef> outputs, IReadOnlyDictionary<string, double> metrics, DateTimeOffset endedAt)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(metrics);
        if (status is not (StepStatus.Succeeded or StepStatus.Cached))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A completed step is Succeeded or Cached.");
        }
        using SqliteConnection connection = Open();
        Execute(connection, "BEGIN IMMEDIATE");
        Execute(connection, """
            UPDATE steps SET status = $status, cached_from = $from, ended_at = $ended, metrics_json = $metrics, error = NULL
            WHERE run_id = $run AND step_id = $step
            """, ("$run", runId), ("$step", stepId), ("$status", Text(status)), ("$from", cachedFrom),
            ("$ended", Text(endedAt)), ("$metrics", JsonSerializer.Serialize(metrics.Where(m => double.IsFinite(m.Value)).ToDictionary())));
        AddEdges(connection, runId, stepId, "out", outputs, endedAt);
        Execute(connection, "COMMIT");
    }

    /// <summary>
    /// Records metrics of a step that has not finished (e.g. the wall time an interrupted attempt took); they stay on
    /// the step when it then fails, and a later attempt replaces them.
    /// </summary>
    public void SetStepMetrics(string runId, string stepId, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Execute("UPDATE steps SET metrics_json = $metrics WHERE run_id = $run AND step_id = $step",
            ("$run", runId), ("$step", stepId), ("$metrics", JsonSerializer.Serialize(metrics.Where(m => double.IsFinite(m.Value)).ToDictionary())));
    }

    /// <summary>Records that a step failed or was cancelled.</summary>
    public void FailStep(string runId, string stepId, string error, DateTimeOffset endedAt) =>
        Execute("UPDATE steps SET status = $status, ended_at = $ended, error = $error WHERE run_id = $run AND step_id = $step",
            ("$run", runId), ("$step", stepId), ("$status", Text(StepStatus.Failed)), ("$ended", Text(endedAt)), ("$error", error));

    private static void AddEdges(SqliteConnection connection, string runId, string stepId, string direction,
        IReadOnlyList<ArtifactRef> artifacts, DateTimeOffset at)
    {
        foreach (ArtifactRef artifact in artifacts)
        {
            Execute(connection, """
                INSERT OR IGNORE INTO artifacts (hash, name, kind, location, first_seen) VALUES ($hash, $name, $kind, $location, $at);
                INSERT OR REPLACE INTO edges (run_id, step_id, direction, role, artifact_hash, artifact_name)
                VALUES ($run, $step, $direction, $role, $hash, $name);
                """, ("$hash", artifact.Hash), ("$name", artifact.Name), ("$kind", artifact.Kind), ("$location", artifact.Location),
                ("$at", Text(at)), ("$run", runId), ("$step", stepId), ("$direction", direction), ("$role", artifact.Role));
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteConnection connection = Open();
        Execute(connection, sql, parameters);
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, parameters);
        object? value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    private static string Text(StepStatus status) => status.ToString().ToLowerInvariant();

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
