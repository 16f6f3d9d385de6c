using System.Diagnostics;
using OpenTelemetry;
using Understudy.Core.Observability;

namespace Understudy.Llm.Observability;

/// <summary>
/// Stamps every span when it starts with the session id (<c>langfuse.session.id</c>, <c>session.id</c>) and with the
/// run id and step name carried as baggage by the enclosing step span, so LLM call spans are searchable by run and step.
/// </summary>
internal sealed class SpanStampingProcessor(string? sessionId, string? runId) : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        if (!string.IsNullOrWhiteSpace(sessionId))
        {
            data.SetTag(UnderstudyAttributes.LangfuseSessionId, sessionId);
            data.SetTag("session.id", sessionId);
        }

        if (data.GetTagItem(UnderstudyAttributes.RunId) is null)
        {
            var run = data.GetBaggageItem(UnderstudyTelemetry.RunIdBaggageKey) ?? runId;
            if (run is not null)
            {
                data.SetTag(UnderstudyAttributes.RunId, run);
            }
        }

        if (data.GetTagItem(UnderstudyAttributes.StepName) is null && data.GetBaggageItem(UnderstudyTelemetry.StepBaggageKey) is { } step)
        {
            data.SetTag(UnderstudyAttributes.StepName, step);
        }
    }
}
