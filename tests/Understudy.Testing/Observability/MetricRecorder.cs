using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Understudy.Testing;

/// <summary>One measurement seen by a <see cref="MetricRecorder"/>.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

/// <summary>Records every measurement of a meter's instruments; filter by a tag unique to the test.</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    /// <param name="meterName">The meter to listen to (e.g. "Understudy").</param>
    public MetricRecorder(string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    /// <summary>The measurements of <paramref name="instrument"/> whose tag <paramref name="tag"/> equals <paramref name="value"/>.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument, string tag, object value) =>
        [.. _measurements.Where(m => m.Instrument == instrument && m.Tags.TryGetValue(tag, out var v) && Equals(v, value))];

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, copy));
    }
}
