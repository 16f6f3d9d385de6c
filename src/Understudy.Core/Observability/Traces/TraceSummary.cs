namespace Understudy.Core.Observability.Traces;

/// <summary>One trace as <c>understudy traces list</c> shows it: its root span and counts.</summary>
/// <param name="TraceId">The trace id.</param>
/// <param name="RootName">The earliest span's name (the command or step).</param>
/// <param name="RunId">The run id, when any span carries one.</param>
/// <param name="StartTime">When the trace started.</param>
/// <param name="Duration">From the first span's start to the last span's end.</param>
/// <param name="SpanCount">Spans stored for the trace.</param>
/// <param name="ErrorCount">Spans with error status.</param>
/// <param name="InputTokens">Input tokens over the trace's LLM spans.</param>
/// <param name="OutputTokens">Output tokens over the trace's LLM spans.</param>
public sealed record TraceSummary(
    string TraceId, string RootName, string? RunId, DateTimeOffset StartTime, TimeSpan Duration,
    int SpanCount, int ErrorCount, long InputTokens, long OutputTokens);
