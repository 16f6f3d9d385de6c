using System.Text.Json.Serialization;

namespace Understudy.Server.Protocol;

/// <summary>The body of <c>POST /v1/embeddings</c>.</summary>
public sealed record EmbeddingResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingResponse.Item> Data,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("usage")] EmbeddingResponse.TokenCount Usage)
{
    /// <summary>Always <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string Object => "list";

    /// <summary>One input's vector: a float array, or a base64 string of little-endian float32 when asked.</summary>
    public sealed record Item([property: JsonPropertyName("index")] int Index, [property: JsonPropertyName("embedding")] object Embedding)
    {
        /// <summary>Always <c>embedding</c>.</summary>
        [JsonPropertyName("object")]
        public string Object => "embedding";
    }

    /// <summary>Input tokens (embeddings have no completion tokens).</summary>
    public sealed record TokenCount([property: JsonPropertyName("prompt_tokens")] long PromptTokens)
    {
        /// <summary>Same as <see cref="PromptTokens"/>.</summary>
        [JsonPropertyName("total_tokens")]
        public long TotalTokens => PromptTokens;
    }
}
