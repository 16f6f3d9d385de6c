namespace Understudy.Core.Observability.Traces;

/// <summary>What <see cref="SqliteTraceStore.SearchAsync"/> looks for; every criterion given must match.</summary>
public sealed record TraceQuery
{
    /// <summary>Spans of this run (<c>understudy.run.id</c>).</summary>
    public string? RunId { get; init; }

    /// <summary>Spans of this step (<c>understudy.step.name</c>).</summary>
    public string? Step { get; init; }

    /// <summary>Spans whose model contains this text (case-insensitive).</summary>
    public string? Model { get; init; }

    /// <summary>Spans at least this long.</summary>
    public TimeSpan? MinDuration { get; init; }

    /// <summary><c>unset</c>, <c>ok</c> or <c>error</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Spans whose name contains this text (case-insensitive).</summary>
    public string? Name { get; init; }

    /// <summary>Most recent first, at most this many.</summary>
    public int Limit { get; init; } = 50;
}
