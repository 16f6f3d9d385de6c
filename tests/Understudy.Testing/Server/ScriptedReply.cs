using System.Text.Json;

namespace Understudy.Testing;

/// <summary>
/// What <see cref="ScriptedOpenAiServer"/> answers to one request: a completion, an error status (with an
/// optional <c>Retry-After</c>), a malformed body, or a hang until the client gives up. Build one with the
/// static factories and adjust it with <c>with</c> or <see cref="After"/>.
/// </summary>
public sealed record ScriptedReply
{
    /// <summary>The assistant text of a successful reply.</summary>
    public string Content { get; init; } = "";

    public int StatusCode { get; init; } = 200;

    /// <summary>Time the server waits before answering (before the first chunk when streaming).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Sent as <c>Retry-After: &lt;seconds&gt;</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Sent as <c>Retry-After: &lt;HTTP-date&gt;</c>.</summary>
    public DateTimeOffset? RetryAfterDate { get; init; }

    /// <summary>When set, the body is sent verbatim instead of a well-formed completion or error.</summary>
    public string? RawBody { get; init; }

    /// <summary>The server never answers; the request ends only when the client disconnects or the server stops.</summary>
    public bool Hang { get; init; }

    /// <summary>Reported <c>prompt_tokens</c>; null = estimated as one token per 4 characters of the prompt.</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Reported <c>completion_tokens</c>; null = estimated as one token per 4 characters of the content.</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>OpenAI finish reason (<c>stop</c>, <c>length</c>...); mapped to Anthropic's stop reason on /v1/messages.</summary>
    public string FinishReason { get; init; } = "stop";

    /// <summary>The model name reported back; null = the model of the request.</summary>
    public string? Model { get; init; }

    /// <summary>A successful completion whose assistant message is <paramref name="content"/>.</summary>
    public static ScriptedReply Text(string content) => new() { Content = content };

    /// <summary>A successful completion whose assistant message is <paramref name="value"/> serialised as JSON.</summary>
    public static ScriptedReply Json(object value) => new() { Content = JsonSerializer.Serialize(value) };

    /// <summary>An error status with an OpenAI-style <c>{"error": {...}}</c> body.</summary>
    public static ScriptedReply Error(int statusCode, string message = "scripted failure") =>
        new() { StatusCode = statusCode, Content = message };

    /// <summary>429 with <c>Retry-After</c> in seconds.</summary>
    public static ScriptedReply TooManyRequests(TimeSpan retryAfter) =>
        Error(429, "Rate limit reached (scripted)") with { RetryAfter = retryAfter };

    /// <summary>429 with <c>Retry-After</c> as an HTTP-date.</summary>
    public static ScriptedReply TooManyRequestsUntil(DateTimeOffset retryAt) =>
        Error(429, "Rate limit reached (scripted)") with { RetryAfterDate = retryAt };

    /// <summary>A 200 whose body is not valid JSON (a truncated completion by default).</summary>
    public static ScriptedReply Malformed(string body = "{\"id\": \"chatcmpl-broken\", \"choices\": [{\"mess") =>
        new() { RawBody = body };

    /// <summary>Never answers: use it to test client-side timeouts and cancellation.</summary>
    public static ScriptedReply HangUntilCancelled() => new() { Hang = true };

    /// <summary>The same reply, sent after <paramref name="latency"/>.</summary>
    public ScriptedReply After(TimeSpan latency) => this with { Latency = latency };

    internal bool IsSuccess => StatusCode is >= 200 and < 300;
}
