using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Understudy.Server.Protocol;

/// <summary>JSON settings of every body the server writes: OpenAI's snake_case names come from attributes.</summary>
public static class OpenAiJson
{
    /// <summary>Relaxed escaping (text stays readable) and nulls written, as OpenAI does (<c>"finish_reason": null</c>).</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
