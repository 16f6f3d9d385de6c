using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Understudy.Testing;

/// <summary>The wire API a <see cref="ChatRequest"/> arrived on.</summary>
public enum ScriptedApi
{
    /// <summary><c>POST /v1/chat/completions</c> (OpenAI and every OpenAI-compatible server).</summary>
    OpenAiChatCompletions,

    /// <summary><c>POST /v1/messages</c> (Anthropic).</summary>
    AnthropicMessages,
}

/// <summary>
/// One request received by <see cref="ScriptedOpenAiServer"/>, parsed into the fields tests assert on.
/// The raw body and headers are kept too, for anything the parsed view leaves out.
/// </summary>
public sealed record ChatRequest
{
    /// <summary>1-based arrival number across all requests the server received.</summary>
    public required int Sequence { get; init; }

    public required ScriptedApi Api { get; init; }

    public string? Model { get; init; }

    /// <summary>The conversation; for Anthropic the top-level <c>system</c> text comes first as a system message.</summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    public bool Stream { get; init; }

    /// <summary>OpenAI's <c>stream_options.include_usage</c>.</summary>
    public bool StreamIncludesUsage { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? TopK { get; init; }

    /// <summary><c>max_tokens</c> or <c>max_completion_tokens</c>.</summary>
    public int? MaxTokens { get; init; }

    public long? Seed { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>The <c>response_format.type</c> (for example <c>json_object</c>), when one was asked for.</summary>
    public string? ResponseFormatType { get; init; }

    /// <summary>The request body exactly as received.</summary>
    public required string RawBody { get; init; }

    /// <summary>Request headers (names lower-case).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The credential the client sent: the bearer token (OpenAI) or the <c>x-api-key</c> header (Anthropic).</summary>
    public string? ApiKey =>
        Headers.TryGetValue("authorization", out var auth) && auth.StartsWith("Bearer ", StringComparison.Ordinal)
            ? auth["Bearer ".Length..]
            : Headers.GetValueOrDefault("x-api-key");

    /// <summary>The text of the last user message ("" when there is none).</summary>
    public string LastUserText => Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";

    /// <summary>The text of the first system message, if any.</summary>
    public string? SystemText => Messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text;

    /// <summary>The body parsed as JSON, for assertions on fields the parsed view does not expose.</summary>
    public JsonElement Body
    {
        get
        {
            using var document = JsonDocument.Parse(RawBody);
            return document.RootElement.Clone();
        }
    }
}
