using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Understudy.Llm.Observability;

/// <summary>A running OpenTelemetry pipeline (see <see cref="UnderstudyTracing.Start"/>); disposing it flushes and stops every exporter.</summary>
public sealed class TracingSession : IDisposable
{
    private readonly TracerProvider _tracerProvider;
    private readonly MeterProvider? _meterProvider;
    private readonly TraceStoreExporter? _storeExporter;

    internal TracingSession(TracerProvider tracerProvider, MeterProvider? meterProvider, TraceStoreExporter? storeExporter)
    {
        _tracerProvider = tracerProvider;
        _meterProvider = meterProvider;
        _storeExporter = storeExporter;
    }

    /// <summary>Why the last write to the embedded trace store failed, if it did.</summary>
    public Exception? TraceStoreError => _storeExporter?.LastError;

    /// <summary>Exports every finished span and metric now; false when an exporter did not finish in time.</summary>
    public bool Flush(TimeSpan? timeout = null)
    {
        var milliseconds = (int)(timeout ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;
        var traces = _tracerProvider.ForceFlush(milliseconds);
        var metrics = _meterProvider?.ForceFlush(milliseconds) ?? true;
        return traces && metrics;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tracerProvider.Dispose();
        _meterProvider?.Dispose();
    }
}
