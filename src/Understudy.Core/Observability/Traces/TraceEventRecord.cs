namespace Understudy.Core.Observability.Traces;

/// <summary>One event of a span.</summary>
/// <param name="Name">The event name.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Attributes">Its attributes, as text.</param>
public sealed record TraceEventRecord(string Name, DateTimeOffset Time, IReadOnlyDictionary<string, string?> Attributes);
