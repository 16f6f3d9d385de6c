using Understudy.Core.Configuration;
using Understudy.Core.Observability;
using Understudy.Core.Observability.Traces;
using Understudy.Llm.Observability;

namespace Understudy.Cli.Hosting;

/// <summary>
/// Turns a command's tracing keys (<see cref="TracingConfig"/>) and the environment into the process's
/// <see cref="TracingSettings"/>: the workspace trace store, Langfuse's OTLP endpoint from the LLMOPS keys, the
/// standard <c>OTEL_EXPORTER_OTLP_*</c> variables, the session and run ids, and the content-capture opt-in.
/// </summary>
public static class CommandTracing
{
    /// <summary>The settings for one run; <paramref name="config"/> may be any config class (non-tracing ones use the environment only).</summary>
    /// <exception cref="ConfigException">Only one of the Langfuse key pair is set, or the host is not a URL.</exception>
    public static TracingSettings Resolve(object config, string workspace, string runId, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace);
        environment ??= Environment.GetEnvironmentVariable;
        var keys = config as TracingConfig;
        var publicKey = Either(keys?.LangfusePublicKey, environment(TracingConfig.PublicKeyVariable));
        var secretKey = Either(keys?.LangfuseSecretKey, environment(TracingConfig.SecretKeyVariable));
        var host = Either(keys?.LangfuseHost, environment(TracingConfig.HostVariable));
        LangfuseOtlpTarget? langfuse = null;
        if (publicKey is not null || secretKey is not null)
        {
            try
            {
                langfuse = LangfuseOtlpTarget.Create(host, publicKey ?? "", secretKey ?? "");
            }
            catch (ArgumentException e)
            {
                throw new ConfigException([new ConfigProblem(publicKey is null ? "langfuse_public_key" : secretKey is null ? "langfuse_secret_key" : "langfuse_host", e.Message)]);
            }
        }

        return new TracingSettings
        {
            TraceStorePath = keys?.TraceStore == false ? null : SqliteTraceStore.ForWorkspace(workspace).Path,
            Langfuse = langfuse,
            UseStandardOtlpEnvironment = TracingSettings.StandardOtlpEnvironmentIsSet(environment),
            SessionId = Either(keys?.SessionId, null),
            RunId = runId,
            CaptureMessageContent = keys?.CaptureMessageContent == true
                || string.Equals(environment("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"), "true", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static string? Either(string? key, string? variable) =>
        !string.IsNullOrWhiteSpace(key) ? key.Trim() : string.IsNullOrWhiteSpace(variable) ? null : variable.Trim();
}
