using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Understudy.Core.Observability;
using Understudy.Core.Observability.Traces;

namespace Understudy.Llm.Observability;

/// <summary>
/// Starts the OpenTelemetry pipeline of a process: spans of the <c>Understudy</c> source (step spans and the GenAI
/// LLM call spans of <see cref="UnderstudyChatClientTelemetryExtensions.UseUnderstudyTelemetry"/>) go to the embedded
/// trace store, to Langfuse's OTLP endpoint and/or to the OTLP endpoint of the standard environment variables;
/// metrics of the <c>Understudy</c> meter go to the standard OTLP endpoint when one is set.
/// </summary>
public static class UnderstudyTracing
{
    /// <summary>Starts tracing; dispose the session at exit to flush every exporter.</summary>
    public static TracingSession Start(TracingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        UnderstudyTelemetry.CaptureMessageContent = settings.CaptureMessageContent;
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName);
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(UnderstudyTelemetry.SourceName)
            .AddProcessor(new SpanStampingProcessor(settings.SessionId, settings.RunId));

        TraceStoreExporter? storeExporter = null;
        if (settings.TraceStorePath is { } path)
        {
            storeExporter = new TraceStoreExporter(new SqliteTraceStore(path));
            tracing.AddProcessor(new BatchActivityExportProcessor(storeExporter, scheduledDelayMilliseconds: 1000));
        }

        if (settings.Langfuse is { } langfuse)
        {
            tracing.AddOtlpExporter("langfuse", options =>
            {
                options.Endpoint = langfuse.TracesEndpoint;
                options.Protocol = OtlpExportProtocol.HttpProtobuf;
                options.Headers = "Authorization=" + langfuse.Authorization;
            });
        }

        MeterProvider? metrics = null;
        if (settings.UseStandardOtlpEnvironment)
        {
            tracing.AddOtlpExporter();
            metrics = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(UnderstudyTelemetry.SourceName)
                .AddOtlpExporter()
                .Build();
        }

        return new TracingSession(tracing.Build(), metrics, storeExporter);
    }
}
