using Microsoft.Extensions.AI;
using Understudy.Core.Observability;
using Understudy.Llm.Accounting;

namespace Understudy.Llm.Observability;

/// <summary>Adds Understudy's LLM call telemetry to a <see cref="ChatClientBuilder"/>.</summary>
public static class UnderstudyChatClientTelemetryExtensions
{
    /// <summary>
    /// Adds Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> (GenAI semantic conventions: <c>gen_ai.operation.name</c>,
    /// <c>gen_ai.request.model</c>, <c>gen_ai.usage.*</c>, duration and time-to-first-chunk histograms) on the
    /// <c>Understudy</c> source, capturing message text only when <see cref="UnderstudyTelemetry.CaptureMessageContent"/>
    /// is on, then <see cref="LlmCallTelemetryChatClient"/> (cost, time per output token) just below it.
    /// Place it outermost so one logical call is one span whatever the retries below.
    /// </summary>
    public static ChatClientBuilder UseUnderstudyTelemetry(this ChatClientBuilder builder, ModelPriceTable? prices = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseOpenTelemetry(sourceName: UnderstudyTelemetry.SourceName,
                configure: client => client.EnableSensitiveData = UnderstudyTelemetry.CaptureMessageContent)
            .Use(inner => new LlmCallTelemetryChatClient(inner, prices));
    }
}
