using System.ComponentModel;
using Understudy.Core.Configuration;

namespace Understudy.Core.Observability;

/// <summary>
/// The tracing keys every command config shares (derive a command's config from this class, directly or through
/// another base): LLMOPS's Langfuse keys, the session id, opt-in capture of prompt/response text and the embedded
/// trace store. The CLI host reads them before running the command; OTLP export also follows the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> environment variables, and empty Langfuse keys fall back to <c>LANGFUSE_PUBLIC_KEY</c>,
/// <c>LANGFUSE_SECRET_KEY</c> and <c>LANGFUSE_HOST</c>.
/// </summary>
public abstract class TracingConfig
{
    /// <summary>Read when <c>langfuse_public_key</c> is empty.</summary>
    public const string PublicKeyVariable = "LANGFUSE_PUBLIC_KEY";

    /// <summary>Read when <c>langfuse_secret_key</c> is empty.</summary>
    public const string SecretKeyVariable = "LANGFUSE_SECRET_KEY";

    /// <summary>Read when <c>langfuse_host</c> is empty.</summary>
    public const string HostVariable = "LANGFUSE_HOST";

    [Description("Langfuse public key (pk-lf-...); with langfuse_secret_key, spans go to Langfuse's OTLP endpoint. Empty = $LANGFUSE_PUBLIC_KEY.")]
    public string LangfusePublicKey { get; set; } = "";

    [Secret]
    [Description("Langfuse secret key (sk-lf-...), e.g. ${LANGFUSE_SECRET_KEY}. Empty = $LANGFUSE_SECRET_KEY.")]
    public string LangfuseSecretKey { get; set; } = "";

    [Description("Langfuse host, e.g. https://cloud.langfuse.com or http://127.0.0.1:3000. Empty = $LANGFUSE_HOST, else Langfuse Cloud.")]
    public string LangfuseHost { get; set; } = "";

    [Description("Session id written on every span (langfuse.session.id) to group runs in Langfuse; empty = none.")]
    public string SessionId { get; set; } = "";

    [Description("Capture prompt and response text in LLM spans (they may hold private data; off unless you opt in).")]
    public bool CaptureMessageContent { get; set; }

    [Description("Keep every span in <workspace>/traces.db for `understudy traces`.")]
    public bool TraceStore { get; set; } = true;
}
