using Microsoft.Data.Sqlite;

namespace Understudy.Core.Lineage;

/// <summary>The tables of the run store: runs, their steps, the artifacts they touched, and the edges between them.</summary>
internal static class LineageSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS runs (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            command TEXT NOT NULL,
            config_hash TEXT NOT NULL,
            config_json TEXT NOT NULL,
            status TEXT NOT NULL,
            outcome TEXT,
            message TEXT,
            started_at TEXT NOT NULL,
            ended_at TEXT
        );
        CREATE TABLE IF NOT EXISTS steps (
            run_id TEXT NOT NULL REFERENCES runs(id),
            step_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            iteration INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            status TEXT NOT NULL,
            cache_key TEXT NOT NULL,
            cached_from TEXT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            metrics_json TEXT NOT NULL DEFAULT '{}',
            error TEXT,
            PRIMARY KEY (run_id, step_id)
        );
        CREATE INDEX IF NOT EXISTS steps_by_cache_key ON steps(cache_key, status);
        CREATE TABLE IF NOT EXISTS artifacts (
            hash TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            location TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (hash, name)
        );
        CREATE TABLE IF NOT EXISTS edges (
            run_id TEXT NOT NULL,
            step_id TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            role TEXT NOT NULL,
            artifact_hash TEXT NOT NULL,
            artifact_name TEXT NOT NULL,
            PRIMARY KEY (run_id, step_id, direction, role)
        );
        CREATE INDEX IF NOT EXISTS edges_by_artifact ON edges(artifact_hash, direction);
        """;

    public static void Ensure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;" + Sql;
        command.ExecuteNonQuery();
    }
}
