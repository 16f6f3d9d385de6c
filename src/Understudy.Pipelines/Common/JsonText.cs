namespace Understudy.Pipelines.Common;

/// <summary>Finds the JSON object in a model's answer, which may wrap it in a Markdown code fence or prose.</summary>
public static class JsonText
{
    /// <summary>The text from the first <c>{</c> to the last <c>}</c>, or null when there is none.</summary>
    public static string? ExtractObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        int start = text.IndexOf('{', StringComparison.Ordinal);
        int end = text.LastIndexOf('}');
        return start >= 0 && end > start ? text[start..(end + 1)] : null;
    }
}
