using System.Text.Json;
using System.Text.Json.Serialization;

namespace Understudy.Engine.Models;

/// <summary>Reads a token id key that configs write either as one integer or as a list (<c>eos_token_id</c>).</summary>
public sealed class TokenIdListConverter : JsonConverter<IReadOnlyList<int>?>
{
    /// <inheritdoc />
    public override IReadOnlyList<int>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return [reader.GetInt32()];
            case JsonTokenType.StartArray:
                var ids = new List<int>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) ids.Add(reader.GetInt32());
                return ids;
            default:
                throw new JsonException($"expected a token id or a list of token ids, found {reader.TokenType}");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<int>? value, JsonSerializerOptions options)
    {
        if (value is null) { writer.WriteNullValue(); return; }
        if (value.Count == 1) { writer.WriteNumberValue(value[0]); return; }
        writer.WriteStartArray();
        foreach (int id in value) writer.WriteNumberValue(id);
        writer.WriteEndArray();
    }
}
