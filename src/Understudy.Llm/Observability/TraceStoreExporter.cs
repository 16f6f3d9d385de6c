using System.Diagnostics;
using OpenTelemetry;
using Understudy.Core.Observability.Traces;

namespace Understudy.Llm.Observability;

/// <summary>Exports finished spans into the embedded <see cref="SqliteTraceStore"/>.</summary>
public sealed class TraceStoreExporter : BaseExporter<Activity>
{
    private readonly SqliteTraceStore _store;

    /// <param name="store">Where spans go.</param>
    public TraceStoreExporter(SqliteTraceStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The last export error, if the most recent batch could not be written (the SDK only sees a failure code).</summary>
    public Exception? LastError { get; private set; }

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var records = new List<TraceSpanRecord>();
        foreach (var activity in batch)
        {
            records.Add(ActivityTraceMapper.ToRecord(activity));
        }

        try
        {
            _store.Add(records);
            LastError = null;
            return ExportResult.Success;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            LastError = e;
            return ExportResult.Failure;
        }
    }
}
