using System.Text.Json.Serialization;

namespace Understudy.ServiceSimulator.Protocol;

/// <summary>One model served (OpenAI wire format).</summary>
public sealed record ModelCard(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy)
{
    [JsonPropertyName("object")]
    public string Object => "model";
}
