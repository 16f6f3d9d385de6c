using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Understudy.Core.Observability.Traces;

public sealed partial class SqliteTraceStore
{
    private const string SpanColumns = """
        trace_id, span_id, parent_span_id, name, source, kind, start_unix_us, duration_us, status, status_description,
        run_id, step, model, input_tokens, output_tokens, attributes, events
        """;

    /// <summary>The spans matching <paramref name="query"/>, most recent first.</summary>
    public IReadOnlyList<TraceSpanRecord> Search(TraceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        using var connection = Open(create: false);
        using var command = connection.CreateCommand();
        var where = new List<string>();
        Filter(command, where, "run_id = $run", "$run", query.RunId);
        Filter(command, where, "step = $step", "$step", query.Step);
        Filter(command, where, "model LIKE '%' || $model || '%'", "$model", query.Model);
        Filter(command, where, "status = $status", "$status", query.Status?.ToLowerInvariant());
        Filter(command, where, "name LIKE '%' || $name || '%'", "$name", query.Name);
        if (query.MinDuration is { } min)
        {
            where.Add("duration_us >= $min");
            command.Parameters.AddWithValue("$min", min.Ticks / 10);
        }

        command.CommandText = $"SELECT {SpanColumns} FROM spans {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))} " +
            "ORDER BY start_unix_us DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.Limit);
        return ReadSpans(command);
    }

    /// <summary>Every span of one trace (its id, or a unique prefix of it), in start order; empty when unknown.</summary>
    public IReadOnlyList<TraceSpanRecord> GetTrace(string traceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(traceId);
        using var connection = Open(create: false);
        using var ids = connection.CreateCommand();
        ids.CommandText = "SELECT DISTINCT trace_id FROM spans WHERE trace_id LIKE $prefix || '%' LIMIT 2";
        ids.Parameters.AddWithValue("$prefix", traceId.ToLowerInvariant());
        var matches = new List<string>();
        using (var reader = ids.ExecuteReader())
        {
            while (reader.Read())
            {
                matches.Add(reader.GetString(0));
            }
        }

        if (matches.Count > 1)
        {
            throw new ArgumentException($"Trace id prefix '{traceId}' matches several traces (e.g. {matches[0]}, {matches[1]}): give more digits.");
        }

        if (matches.Count == 0)
        {
            return [];
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SpanColumns} FROM spans WHERE trace_id = $trace ORDER BY start_unix_us";
        command.Parameters.AddWithValue("$trace", matches[0]);
        return ReadSpans(command);
    }

    /// <summary>The most recent traces, one row each, optionally only those of one run.</summary>
    public IReadOnlyList<TraceSummary> ListTraces(int limit = 20, string? runId = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var connection = Open(create: false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT trace_id, MIN(start_unix_us) AS started, MAX(start_unix_us + duration_us) AS ended, COUNT(*),
                SUM(status = 'error'), MAX(run_id), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0),
                (SELECT name FROM spans AS root WHERE root.trace_id = s.trace_id ORDER BY root.parent_span_id IS NOT NULL, root.start_unix_us LIMIT 1)
            FROM spans AS s
            GROUP BY trace_id
            HAVING $run IS NULL OR MAX(run_id = $run) = 1
            ORDER BY started DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$run", (object?)runId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var traces = new List<TraceSummary>();
        while (reader.Read())
        {
            var started = reader.GetInt64(1);
            traces.Add(new TraceSummary(
                reader.GetString(0), reader.GetString(8), reader.IsDBNull(5) ? null : reader.GetString(5), FromUnixMicroseconds(started),
                TimeSpan.FromTicks((reader.GetInt64(2) - started) * 10), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt64(6), reader.GetInt64(7)));
        }

        return traces;
    }

    private static void Filter(SqliteCommand command, List<string> where, string clause, string parameter, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            where.Add(clause);
            command.Parameters.AddWithValue(parameter, value);
        }
    }

    private static List<TraceSpanRecord> ReadSpans(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var spans = new List<TraceSpanRecord>();
        while (reader.Read())
        {
            spans.Add(new TraceSpanRecord
            {
                TraceId = reader.GetString(0),
                SpanId = reader.GetString(1),
                ParentSpanId = reader.IsDBNull(2) ? null : reader.GetString(2),
                Name = reader.GetString(3),
                Source = reader.GetString(4),
                Kind = reader.GetString(5),
                StartTime = FromUnixMicroseconds(reader.GetInt64(6)),
                Duration = TimeSpan.FromTicks(reader.GetInt64(7) * 10),
                Status = reader.GetString(8),
                StatusDescription = reader.IsDBNull(9) ? null : reader.GetString(9),
                RunId = reader.IsDBNull(10) ? null : reader.GetString(10),
                Step = reader.IsDBNull(11) ? null : reader.GetString(11),
                Model = reader.IsDBNull(12) ? null : reader.GetString(12),
                InputTokens = reader.IsDBNull(13) ? null : reader.GetInt64(13),
                OutputTokens = reader.IsDBNull(14) ? null : reader.GetInt64(14),
                Attributes = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(15)) ?? [],
                Events = JsonSerializer.Deserialize<List<TraceEventRecord>>(reader.GetString(16)) ?? [],
            });
        }

        return spans;
    }
}
