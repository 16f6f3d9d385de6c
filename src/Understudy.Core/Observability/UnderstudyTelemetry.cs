using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Understudy.Core.Observability;

/// <summary>
/// Understudy's own OpenTelemetry sources: one <see cref="ActivitySource"/> for pipeline step spans (the LLM call
/// spans below them come from Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c>) and one <see cref="Meter"/>.
/// Creating spans costs nothing when no listener (tracer provider) is attached; <see cref="StartStep"/> then
/// returns null, so callers use <c>activity?.</c>.
/// </summary>
public static class UnderstudyTelemetry
{
    /// <summary>The name of the activity source and meter: subscribe to it with <c>AddSource("Understudy")</c>.</summary>
    public const string SourceName = "Understudy";

    /// <summary>Baggage key carrying the run id from a step span to every span below it (LLM calls included).</summary>
    public const string RunIdBaggageKey = UnderstudyAttributes.RunId;

    /// <summary>Baggage key carrying the innermost step's name to the spans below it.</summary>
    public const string StepBaggageKey = UnderstudyAttributes.StepName;

    /// <summary>
    /// Whether LLM spans capture prompt and response text (<c>EnableSensitiveData</c> of the OpenTelemetry chat
    /// client). Off by default; the process host sets it once at start-up from the user's opt-in (the
    /// <c>capture_message_content</c> key or <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true</c>).
    /// </summary>
    public static bool CaptureMessageContent { get; set; } =
        string.Equals(Environment.GetEnvironmentVariable("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The source of step spans.</summary>
    public static ActivitySource ActivitySource { get; } = new(SourceName, typeof(UnderstudyTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The meter of Understudy's own metrics (failover switches, routes, step durations).</summary>
    public static Meter Meter { get; } = new(SourceName, typeof(UnderstudyTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Starts the root span of one command run, <c>understudy.run {command}</c>, carrying <c>understudy.run.id</c>
    /// (also as baggage, so every step and LLM span below it is stamped with it). The CLI host starts it around each
    /// command; the step spans of the pipelines nest under it.
    /// </summary>
    /// <returns>The span, or null when nobody listens.</returns>
    public static Activity? StartRun(string command, string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var activity = ActivitySource.StartActivity(UnderstudyAttributes.RunSpanPrefix + command, ActivityKind.Internal);
        activity?.SetTag(UnderstudyAttributes.Command, command);
        activity?.SetTag(UnderstudyAttributes.RunId, runId);
        activity?.SetBaggage(RunIdBaggageKey, runId);
        return activity;
    }

    /// <summary>
    /// Starts the span of one pipeline step (<c>batch-infer</c>, <c>evaluate</c>, <c>synth</c>, <c>merge</c>,
    /// <c>duo.iteration</c>...), a child of the current span. The span is named <c>understudy.step {name}</c> and
    /// carries <c>understudy.step.name</c>, <c>understudy.run.id</c> (also set as baggage so that LLM spans below it
    /// are stamped with it by the trace pipeline) and the given tags. Dispose it when the step ends; mark a failure
    /// with <see cref="ActivityExtensions.RecordFailure"/>.
    /// </summary>
    /// <param name="name">The step name.</param>
    /// <param name="runId">The run the step belongs to; null = the run id of the enclosing step, if any.</param>
    /// <param name="tags">Extra attributes (dataset ids, model ids, iteration...).</param>
    /// <returns>The span, or null when nobody listens.</returns>
    public static Activity? StartStep(string name, string? runId = null, IEnumerable<KeyValuePair<string, object?>>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var activity = ActivitySource.StartActivity(UnderstudyAttributes.StepSpanPrefix + name, ActivityKind.Internal, parentContext: default, tags);
        if (activity is null)
        {
            return null;
        }

        runId ??= activity.GetBaggageItem(RunIdBaggageKey); // inherited from an enclosing step
        activity.SetTag(UnderstudyAttributes.StepName, name);
        activity.SetBaggage(StepBaggageKey, name);
        if (!string.IsNullOrWhiteSpace(runId))
        {
            activity.SetTag(UnderstudyAttributes.RunId, runId);
            activity.SetBaggage(RunIdBaggageKey, runId);
        }

        return activity;
    }
}
