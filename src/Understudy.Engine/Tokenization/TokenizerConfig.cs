using System.Text.Json;
using Understudy.Engine.Tokenization.Loading;

namespace Understudy.Engine.Tokenization;

/// <summary>
/// What Understudy uses from <c>tokenizer_config.json</c> (special-token strings, the BOS/EOS flags, chat
/// templates) and <c>generation_config.json</c> (extra EOS ids).
/// </summary>
public sealed record TokenizerConfig
{
    /// <summary>The name under which a single-string <c>chat_template</c> is stored.</summary>
    public const string DefaultTemplateName = "default";

    /// <summary>A config with nothing set.</summary>
    public static TokenizerConfig Empty { get; } = new();

    /// <summary>The BOS token string (<c>bos_token</c>).</summary>
    public string? BosToken { get; init; }

    /// <summary>The EOS token string (<c>eos_token</c>).</summary>
    public string? EosToken { get; init; }

    /// <summary>The padding token string (<c>pad_token</c>).</summary>
    public string? PadToken { get; init; }

    /// <summary>The unknown token string (<c>unk_token</c>).</summary>
    public string? UnkToken { get; init; }

    /// <summary><c>add_bos_token</c> when the config sets it.</summary>
    public bool? AddBosToken { get; init; }

    /// <summary><c>add_eos_token</c> when the config sets it.</summary>
    public bool? AddEosToken { get; init; }

    /// <summary>Chat templates by name (<see cref="DefaultTemplateName"/> for a plain string).</summary>
    public IReadOnlyDictionary<string, string> ChatTemplates { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra EOS ids from <c>generation_config.json</c> (<c>eos_token_id</c>, int or list).</summary>
    public IReadOnlyList<int> GenerationEosTokenIds { get; init; } = [];

    /// <summary>Reads <c>tokenizer_config.json</c> text; <paramref name="origin"/> names it in errors.</summary>
    public static TokenizerConfig Parse(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = ParseDocument(json, origin);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new TokenizerFormatException(origin, "the file must hold a JSON object.");
        return new TokenizerConfig
        {
            BosToken = TokenString(root, "bos_token", origin),
            EosToken = TokenString(root, "eos_token", origin),
            PadToken = TokenString(root, "pad_token", origin),
            UnkToken = TokenString(root, "unk_token", origin),
            AddBosToken = OptionalFlag(root, "add_bos_token"),
            AddEosToken = OptionalFlag(root, "add_eos_token"),
            ChatTemplates = ReadTemplates(root, origin),
        };
    }

    /// <summary>Reads the EOS ids of <c>generation_config.json</c> text.</summary>
    public static IReadOnlyList<int> ParseGenerationEosIds(string json, string origin)
    {
        using JsonDocument document = ParseDocument(json, origin);
        if (!document.RootElement.TryGetProperty("eos_token_id", out JsonElement eos)) return [];
        return eos.ValueKind switch
        {
            JsonValueKind.Number => [eos.GetInt32()],
            JsonValueKind.Array => eos.EnumerateArray().Select(e => e.GetInt32()).ToList(),
            JsonValueKind.Null => [],
            _ => throw new TokenizerFormatException(origin, "eos_token_id must be a number or a list of numbers."),
        };
    }

    internal static JsonDocument ParseDocument(string json, string origin)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new TokenizerFormatException(origin, $"not valid JSON ({ex.Message}).", ex);
        }
    }

    private static string? TokenString(JsonElement root, string key, string origin)
    {
        if (!root.TryGetProperty(key, out JsonElement value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Object => JsonReading.RequiredString(value, "content", key, origin),
            _ => throw new TokenizerFormatException(origin, $"{key} must be a string, an AddedToken object or null."),
        };
    }

    private static bool? OptionalFlag(JsonElement root, string key) =>
        root.TryGetProperty(key, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static Dictionary<string, string> ReadTemplates(JsonElement root, string origin)
    {
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("chat_template", out JsonElement value)) return templates;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                templates[DefaultTemplateName] = value.GetString()!;
                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    string path = $"chat_template[{index++}]";
                    templates[JsonReading.RequiredString(item, "name", path, origin)] = JsonReading.RequiredString(item, "template", path, origin);
                }
                break;
            case JsonValueKind.Null:
                break;
            default:
                throw new TokenizerFormatException(origin, "chat_template must be a string or a list of {name, template}.");
        }
        return templates;
    }
}
