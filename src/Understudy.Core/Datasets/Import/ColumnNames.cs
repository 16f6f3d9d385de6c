namespace Understudy.Core.Datasets.Import;

/// <summary>The column names the importer recognises, in order of preference, when none is named explicitly.</summary>
public static class ColumnNames
{
    /// <summary>Prompt columns (Alpaca's <c>instruction</c> is joined with a non-empty <c>input</c>).</summary>
    public static readonly IReadOnlyList<string> Prompt = ["prompt", "instruction", "question", "input", "query"];

    /// <summary>Reference-answer columns.</summary>
    public static readonly IReadOnlyList<string> Response = ["response", "output", "answer", "completion", "chosen"];

    /// <summary>Chat columns: a list of {role, content} (or ShareGPT's {from, value}).</summary>
    public static readonly IReadOnlyList<string> Messages = ["messages", "conversations"];

    /// <summary>Category columns.</summary>
    public static readonly IReadOnlyList<string> Category = ["category", "task", "type"];

    /// <summary>Optional system prompt column for pair files.</summary>
    public const string System = "system";

    /// <summary>The first column of <paramref name="candidates"/> present in the record with a value, or the explicit one.</summary>
    public static string? Pick(IReadOnlyDictionary<string, object?> fields, string? explicitColumn, IReadOnlyList<string> candidates)
    {
        if (explicitColumn is not null)
        {
            return fields.ContainsKey(explicitColumn) ? explicitColumn : null;
        }
        return candidates.FirstOrDefault(name => fields.TryGetValue(name, out object? value) && value is not null);
    }
}
