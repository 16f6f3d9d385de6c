using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.Caching;

/// <summary>
/// A canonical hash of everything that decides a chat answer: the provider, endpoint and model, the messages and
/// every option (temperature, seed, response format, additional properties...). Object keys are sorted before
/// hashing, so the same request always gives the same key whatever order its properties were set in.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>Bump when the cache entry format or the key material changes.</summary>
    public const int Version = 1;

    /// <summary>The lower-case hex SHA-256 of the canonical request.</summary>
    public static string Compute(IEnumerable<ChatMessage> messages, ChatOptions? options, ChatClientMetadata? metadata)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var json = AIJsonUtilities.DefaultOptions;
        var material = new JsonObject
        {
            ["version"] = Version,
            ["provider"] = metadata?.ProviderName,
            ["endpoint"] = metadata?.ProviderUri?.ToString(),
            ["model"] = options?.ModelId ?? metadata?.DefaultModelId,
            ["messages"] = JsonSerializer.SerializeToNode(messages.ToList(), json.GetTypeInfo(typeof(List<ChatMessage>))),
            ["options"] = options is null ? null : JsonSerializer.SerializeToNode(options, json.GetTypeInfo(typeof(ChatOptions))),
        };

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, material);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
