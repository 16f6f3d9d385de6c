using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Understudy.Server.Observability;

/// <summary>
/// The server's OpenTelemetry traces: one span per request from <see cref="Source"/>, tagged with the
/// <c>gen_ai.*</c> semantic conventions (model, token counts, finish reasons) and the HTTP status.
/// </summary>
public static class ServerTelemetry
{
    /// <summary>The ActivitySource name to subscribe to.</summary>
    public const string SourceName = "Understudy.Server";

    /// <summary>The environment variable whose presence turns OTLP export on (the exporter reads it and its siblings).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The source every request span starts from.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>An OTLP-exporting tracer provider when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; null otherwise.</summary>
    public static TracerProvider? CreateOtlpExporterFromEnvironment()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable))) return null;
        return Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService("understudy-serve"))
            .AddSource(SourceName)
            .AddOtlpExporter()
            .Build();
    }
}
