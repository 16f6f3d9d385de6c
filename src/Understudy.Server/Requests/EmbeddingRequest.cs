using System.Text.Json;
using Understudy.Server.Errors;

namespace Understudy.Server.Requests;

/// <summary>A parsed <c>POST /v1/embeddings</c> body.</summary>
internal sealed record EmbeddingRequest(string Model, IReadOnlyList<string> Inputs, bool Base64)
{
    public static EmbeddingRequest Parse(JsonElement body, RequestLimits limits, int dimensions)
    {
        string model = JsonFields.RequiredString(body, "model");
        var inputs = JsonFields.StringOrArray(body, "input") ?? throw OpenAiException.InvalidField("input", "'input' is required.");
        if (inputs.Count == 0) throw OpenAiException.InvalidField("input", "'input' must hold at least one string.");
        if (inputs.Count > limits.MaxEmbeddingInputs)
            throw OpenAiException.InvalidField("input", $"'input' holds {inputs.Count} strings; this server embeds at most {limits.MaxEmbeddingInputs} per request.");
        int empty = inputs.ToList().FindIndex(string.IsNullOrEmpty);
        if (empty >= 0) throw OpenAiException.InvalidField("input", $"'input[{empty}]' is empty; every input needs at least one character.");
        string format = JsonFields.Present(body, "encoding_format", out JsonElement f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "float";
        if (format is not ("float" or "base64"))
            throw OpenAiException.InvalidField("encoding_format", $"'encoding_format' is '{format}'; use float or base64.");
        if (JsonFields.Integer(body, "dimensions", 1, int.MaxValue) is long asked && asked != dimensions)
            throw OpenAiException.InvalidField("dimensions", $"'dimensions' is {asked}; this model's embeddings have {dimensions} dimensions and cannot be shortened.");
        return new EmbeddingRequest(model, inputs, format == "base64");
    }
}
