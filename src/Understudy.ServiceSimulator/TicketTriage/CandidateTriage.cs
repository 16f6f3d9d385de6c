using System.Text.Json;

namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>
/// A triage answer as a model wrote it, read leniently: a JSON object possibly wrapped in a Markdown fence or
/// prose, with any subset of the keys. Valid values land in <see cref="Values"/> (enums in their wire spelling,
/// null as a C# null, booleans as "true"/"false"); what is wrong is kept so a grader can explain its score.
/// </summary>
public sealed class CandidateTriage
{
    /// <summary>Why no JSON object could be read at all; null when one was read.</summary>
    public string? Problem { get; private init; }

    /// <summary>True when the object was wrapped in a code fence or surrounded by other text.</summary>
    public bool WasWrapped { get; private init; }

    public Dictionary<string, string?> Values { get; } = [];

    /// <summary>Triage keys present with a value that is not allowed, with what was wrong.</summary>
    public Dictionary<string, string> InvalidFields { get; } = [];

    public List<string> UnexpectedKeys { get; } = [];

    /// <summary>Reads <paramref name="text"/>; never throws on bad model output.</summary>
    public static CandidateTriage Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        bool wrapped = false;
        int start = trimmed.IndexOf('{');
        int end = trimmed.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            return new CandidateTriage { Problem = "no JSON object found in the answer" };
        }
        if (start > 0 || end < trimmed.Length - 1)
        {
            wrapped = true;
            trimmed = trimmed[start..(end + 1)];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(trimmed);
        }
        catch (JsonException exception)
        {
            return new CandidateTriage { Problem = $"the answer is not valid JSON ({exception.Message})", WasWrapped = wrapped };
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new CandidateTriage { Problem = "the answer is JSON but not an object", WasWrapped = wrapped };
            }
            var candidate = new CandidateTriage { WasWrapped = wrapped };
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                candidate.Read(property);
            }
            return candidate;
        }
    }

    private void Read(JsonProperty property)
    {
        string name = property.Name;
        JsonElement value = property.Value;
        string? problem = name switch
        {
            "category" => ReadEnum(name, value, TriageWireNames.Categories),
            "priority" => ReadEnum(name, value, TriageWireNames.Priorities),
            "sentiment" => ReadEnum(name, value, TriageWireNames.Sentiments),
            "product" or "order_id" => ReadNullableText(name, value),
            "needs_human" => ReadBoolean(name, value),
            _ => Unexpected(name),
        };
        if (problem is not null)
        {
            InvalidFields[name] = problem;
        }
    }

    private string? ReadEnum(string name, JsonElement value, IReadOnlyList<string> allowed)
    {
        string? text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim().ToLowerInvariant() : null;
        if (text is null || !allowed.Contains(text))
        {
            return $"expected one of {string.Join(", ", allowed)}, got {value.GetRawText()}";
        }
        Values[name] = text;
        return null;
    }

    private string? ReadNullableText(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            Values[name] = null;
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            return $"expected a non-empty string or null, got {value.GetRawText()}";
        }
        Values[name] = value.GetString()!.Trim();
        return null;
    }

    private string? ReadBoolean(string name, JsonElement value)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return $"expected true or false, got {value.GetRawText()}";
        }
        Values[name] = value.ValueKind == JsonValueKind.True ? "true" : "false";
        return null;
    }

    private string? Unexpected(string name)
    {
        UnexpectedKeys.Add(name);
        return null;
    }
}
