using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Understudy.Core.Observability.Traces;

/// <summary>
/// The embedded trace store: finished spans in one SQLite file (by default <c>&lt;workspace&gt;/traces.db</c>),
/// indexed by trace, run, step, model, start time and duration, so <c>understudy traces</c> can list and search
/// them with no server. Safe for several writers (WAL journal, busy timeout).
/// </summary>
public sealed partial class SqliteTraceStore
{
    /// <summary>The file name of the store inside a workspace.</summary>
    public const string FileName = "traces.db";

    private readonly string _connectionString;

    /// <param name="path">The database file (created with its folder when missing).</param>
    public SqliteTraceStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, DefaultTimeout = 30, Pooling = false }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The store of a workspace folder.</summary>
    public static SqliteTraceStore ForWorkspace(string workspace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace);
        return new SqliteTraceStore(System.IO.Path.Combine(workspace, FileName));
    }

    /// <summary>Stores spans (a span stored again replaces the earlier copy).</summary>
    public void Add(IReadOnlyCollection<TraceSpanRecord> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        if (spans.Count == 0)
        {
            return;
        }

        using var connection = Open(create: true);
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR REPLACE INTO spans (trace_id, span_id, parent_span_id, name, source, kind, start_unix_us, duration_us,
                status, status_description, run_id, step, model, input_tokens, output_tokens, attributes, events)
            VALUES ($trace, $span, $parent, $name, $source, $kind, $start, $duration,
                $status, $description, $run, $step, $model, $input, $output, $attributes, $events)
            """;
        foreach (var span in spans)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$trace", span.TraceId);
            insert.Parameters.AddWithValue("$span", span.SpanId);
            insert.Parameters.AddWithValue("$parent", (object?)span.ParentSpanId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$name", span.Name);
            insert.Parameters.AddWithValue("$source", span.Source);
            insert.Parameters.AddWithValue("$kind", span.Kind);
            insert.Parameters.AddWithValue("$start", (span.StartTime.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
            insert.Parameters.AddWithValue("$duration", span.Duration.Ticks / 10);
            insert.Parameters.AddWithValue("$status", span.Status);
            insert.Parameters.AddWithValue("$description", (object?)span.StatusDescription ?? DBNull.Value);
            insert.Parameters.AddWithValue("$run", (object?)span.RunId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$step", (object?)span.Step ?? DBNull.Value);
            insert.Parameters.AddWithValue("$model", (object?)span.Model ?? DBNull.Value);
            insert.Parameters.AddWithValue("$input", (object?)span.InputTokens ?? DBNull.Value);
            insert.Parameters.AddWithValue("$output", (object?)span.OutputTokens ?? DBNull.Value);
            insert.Parameters.AddWithValue("$attributes", JsonSerializer.Serialize(span.Attributes));
            insert.Parameters.AddWithValue("$events", JsonSerializer.Serialize(span.Events));
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private SqliteConnection Open(bool create)
    {
        if (!create && !File.Exists(Path))
        {
            throw new FileNotFoundException(
                $"No trace store at {Path}: run a command first (every command records its spans there), or pass the workspace that holds it with --workspace.", Path);
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var setup = connection.CreateCommand();
        setup.CommandText = Schema;
        setup.ExecuteNonQuery();
        return connection;
    }

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS spans (
            trace_id TEXT NOT NULL, span_id TEXT NOT NULL PRIMARY KEY, parent_span_id TEXT, name TEXT NOT NULL,
            source TEXT NOT NULL, kind TEXT NOT NULL, start_unix_us INTEGER NOT NULL, duration_us INTEGER NOT NULL,
            status TEXT NOT NULL, status_description TEXT, run_id TEXT, step TEXT, model TEXT,
            input_tokens INTEGER, output_tokens INTEGER, attributes TEXT NOT NULL, events TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS spans_trace ON spans (trace_id, start_unix_us);
        CREATE INDEX IF NOT EXISTS spans_run ON spans (run_id);
        CREATE INDEX IF NOT EXISTS spans_step ON spans (step);
        CREATE INDEX IF NOT EXISTS spans_start ON spans (start_unix_us);
        """;

    private static DateTimeOffset FromUnixMicroseconds(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);
}
