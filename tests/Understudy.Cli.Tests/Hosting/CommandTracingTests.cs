using Understudy.Cli.Hosting;
using Understudy.Core.Configuration;
using Understudy.Core.Observability.Traces;
using Understudy.Pipelines.Evaluation;

namespace Understudy.Cli.Tests.Hosting;

public sealed class CommandTracingTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void The_LLMOPS_keys_configure_Langfuse_the_session_and_the_workspace_store()
    {
        var config = new EvaluationConfig
        {
            LangfusePublicKey = "pk-lf-1",
            LangfuseSecretKey = "sk-lf-2",
            LangfuseHost = "http://127.0.0.1:3000",
            SessionId = "s-9",
        };

        var settings = CommandTracing.Resolve(config, "ws", "evaluate-1", NoEnvironment);

        Assert.Equal("http://127.0.0.1:3000/api/public/otel/v1/traces", settings.Langfuse!.TracesEndpoint.ToString());
        Assert.Equal("s-9", settings.SessionId);
        Assert.Equal("evaluate-1", settings.RunId);
        Assert.Equal(Path.GetFullPath(Path.Combine("ws", SqliteTraceStore.FileName)), settings.TraceStorePath);
        Assert.False(settings.CaptureMessageContent);
        Assert.False(settings.UseStandardOtlpEnvironment);
    }

    [Fact]
    public void Empty_keys_fall_back_to_Langfuse_and_OTLP_environment_variables_for_any_command()
    {
        var environment = new Dictionary<string, string?>
        {
            ["LANGFUSE_PUBLIC_KEY"] = "pk",
            ["LANGFUSE_SECRET_KEY"] = "sk",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318",
            ["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"] = "true",
        };

        var settings = CommandTracing.Resolve(new SampleCommandConfig(), "ws", "sample-1", name => environment.GetValueOrDefault(name));

        Assert.StartsWith("https://cloud.langfuse.com/", settings.Langfuse!.TracesEndpoint.ToString(), StringComparison.Ordinal);
        Assert.True(settings.UseStandardOtlpEnvironment);
        Assert.True(settings.CaptureMessageContent);
    }

    [Fact]
    public void Half_a_key_pair_is_a_config_error_naming_the_missing_key()
    {
        var error = Assert.Throws<ConfigException>(() =>
            CommandTracing.Resolve(new EvaluationConfig { LangfusePublicKey = "pk-lf-1" }, "ws", "r", NoEnvironment));

        Assert.Contains("langfuse_secret_key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trace_store_can_be_turned_off()
    {
        var settings = CommandTracing.Resolve(new EvaluationConfig { TraceStore = false }, "ws", "r", NoEnvironment);

        Assert.Null(settings.TraceStorePath);
        Assert.False(settings.ExportsAnything);
    }
}
