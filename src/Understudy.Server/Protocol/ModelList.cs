using System.Text.Json.Serialization;

namespace Understudy.Server.Protocol;

/// <summary>The body of <c>GET /v1/models</c>.</summary>
public sealed record ModelList([property: JsonPropertyName("data")] IReadOnlyList<ModelList.Card> Data)
{
    /// <summary>Always <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string Object => "list";

    /// <summary>One served model.</summary>
    public sealed record Card(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("created")] long Created,
        [property: JsonPropertyName("owned_by")] string OwnedBy)
    {
        /// <summary>Always <c>model</c>.</summary>
        [JsonPropertyName("object")]
        public string Object => "model";
    }
}
