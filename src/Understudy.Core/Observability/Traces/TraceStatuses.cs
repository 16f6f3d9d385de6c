namespace Understudy.Core.Observability.Traces;

/// <summary>The values of <see cref="TraceSpanRecord.Status"/>.</summary>
public static class TraceStatuses
{
    /// <summary>No status set (the default of a span that did not fail).</summary>
    public const string Unset = "unset";

    /// <summary>Explicitly successful.</summary>
    public const string Ok = "ok";

    /// <summary>Failed.</summary>
    public const string Error = "error";
}
