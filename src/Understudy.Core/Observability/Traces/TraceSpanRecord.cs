namespace Understudy.Core.Observability.Traces;

/// <summary>One finished span as the embedded trace store keeps it: identity, timing, status, the columns searched on, and every attribute.</summary>
public sealed record TraceSpanRecord
{
    /// <summary>32 hex digits.</summary>
    public required string TraceId { get; init; }

    /// <summary>16 hex digits.</summary>
    public required string SpanId { get; init; }

    /// <summary>Null for a root span.</summary>
    public string? ParentSpanId { get; init; }

    /// <summary>The span name, e.g. <c>chat gpt-4o-mini</c> or <c>understudy.step evaluate</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The activity source that made it.</summary>
    public string Source { get; init; } = "";

    /// <summary>Internal, Client, Server...</summary>
    public string Kind { get; init; } = "Internal";

    /// <summary>When the span started (UTC).</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary><c>unset</c>, <c>ok</c> or <c>error</c>.</summary>
    public string Status { get; init; } = TraceStatuses.Unset;

    /// <summary>The error message of a failed span.</summary>
    public string? StatusDescription { get; init; }

    /// <summary><c>understudy.run.id</c>.</summary>
    public string? RunId { get; init; }

    /// <summary><c>understudy.step.name</c>.</summary>
    public string? Step { get; init; }

    /// <summary><c>gen_ai.request.model</c>, else <c>gen_ai.response.model</c>.</summary>
    public string? Model { get; init; }

    /// <summary><c>gen_ai.usage.input_tokens</c>.</summary>
    public long? InputTokens { get; init; }

    /// <summary><c>gen_ai.usage.output_tokens</c>.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Every attribute, as text.</summary>
    public IReadOnlyDictionary<string, string?> Attributes { get; init; } = new Dictionary<string, string?>();

    /// <summary>The span's events (exceptions, judgements, failover switches).</summary>
    public IReadOnlyList<TraceEventRecord> Events { get; init; } = [];
}
