namespace Understudy.Llm.Observability;

/// <summary>Where a process's spans and metrics go; built by the CLI host from the tracing config keys and the environment.</summary>
public sealed record TracingSettings
{
    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; init; } = "understudy";

    /// <summary>The embedded trace store file (SQLite); null = spans are not kept locally.</summary>
    public string? TraceStorePath { get; init; }

    /// <summary>Langfuse's OTLP endpoint and credentials; null = no Langfuse export.</summary>
    public LangfuseOtlpTarget? Langfuse { get; init; }

    /// <summary>A generic OTLP exporter configured by the standard <c>OTEL_EXPORTER_OTLP_*</c> environment variables.</summary>
    public bool UseStandardOtlpEnvironment { get; init; }

    /// <summary>Written as <c>langfuse.session.id</c> (and <c>session.id</c>) on every span; null = none.</summary>
    public string? SessionId { get; init; }

    /// <summary>Written as <c>understudy.run.id</c> on every span that has none; null = none.</summary>
    public string? RunId { get; init; }

    /// <summary>Capture prompt and response text in LLM spans (off unless the user opts in).</summary>
    public bool CaptureMessageContent { get; init; }

    /// <summary>Whether any exporter is configured.</summary>
    public bool ExportsAnything => TraceStorePath is not null || Langfuse is not null || UseStandardOtlpEnvironment;

    /// <summary>Whether the standard OTLP environment variables name an endpoint.</summary>
    public static bool StandardOtlpEnvironmentIsSet(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_ENDPOINT"))
            || !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
    }
}
