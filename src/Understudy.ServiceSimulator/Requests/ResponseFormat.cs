using System.Text.Json;

namespace Understudy.ServiceSimulator.Requests;

/// <summary>
/// The request's <c>response_format</c>: <c>text</c> (default), <c>json_object</c> or <c>json_schema</c>. The
/// simulator always answers with one JSON object, which satisfies all three; under a JSON format the student
/// simulator never wraps its answer in a code fence, and a schema's property names choose the shape of judge
/// and synthesis answers (see <see cref="PropertyNames"/>).
/// </summary>
public sealed record ResponseFormat(string Type, IReadOnlySet<string> PropertyNames, JsonElement? Schema)
{
    public static readonly ResponseFormat Text = new("text", new HashSet<string>(), null);

    /// <summary>True for json_object and json_schema.</summary>
    public bool RequiresJson => Type is "json_object" or "json_schema";

    /// <summary>Reads <c>response_format</c> from a request body; throws a 400 for an unknown type.</summary>
    public static ResponseFormat Parse(JsonElement body)
    {
        if (!body.TryGetProperty("response_format", out JsonElement format) || format.ValueKind == JsonValueKind.Null)
        {
            return Text;
        }
        string? type = format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out JsonElement typeElement)
            ? typeElement.GetString()
            : null;
        if (type is not ("text" or "json_object" or "json_schema"))
        {
            throw SimulatorException.BadRequest("invalid_response_format",
                "\"response_format.type\" must be \"text\", \"json_object\" or \"json_schema\".", "response_format");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        JsonElement? schemaCopy = null;
        if (type == "json_schema" && format.TryGetProperty("json_schema", out JsonElement jsonSchema)
            && jsonSchema.TryGetProperty("schema", out JsonElement schema))
        {
            CollectPropertyNames(schema, names);
            schemaCopy = schema.Clone();
        }
        return new ResponseFormat(type, names, schemaCopy);
    }

    private static void CollectPropertyNames(JsonElement schema, HashSet<string> names)
    {
        if (schema.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in schema.EnumerateArray())
            {
                CollectPropertyNames(item, names);
            }
            return;
        }
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (JsonProperty property in schema.EnumerateObject())
        {
            if (property.Name == "properties" && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty named in property.Value.EnumerateObject())
                {
                    names.Add(named.Name);
                }
            }
            CollectPropertyNames(property.Value, names);
        }
    }
}
