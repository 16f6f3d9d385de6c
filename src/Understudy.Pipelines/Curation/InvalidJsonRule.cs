using System.Text.Json;
using System.Text.RegularExpressions;

namespace Understudy.Pipelines.Curation;

/// <summary>
/// For tasks that answer in JSON: removes rows whose answer is not exactly one valid JSON value. A Markdown code
/// fence around the value (<c>```json … ```</c>) is allowed; prose before or after it is not.
/// </summary>
public sealed partial class InvalidJsonRule : IRowFilter
{
    public string Rule => CurationRules.InvalidJson;

    public string Description => "answer is not valid JSON (expect_json)";

    public RowRejection? Check(CurationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string text = Unfence(row.Answer);
        try
        {
            using var document = JsonDocument.Parse(text);
            return null;
        }
        catch (JsonException e)
        {
            return new RowRejection($"answer is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The text inside a surrounding Markdown code fence, or the trimmed text when there is none.</summary>
    public static string Unfence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Match fenced = Fence().Match(text);
        return fenced.Success ? fenced.Groups["body"].Value : text.Trim();
    }

    [GeneratedRegex(@"^\s*```[A-Za-z0-9_-]*[ \t]*\r?\n(?<body>.*?)\r?\n?```\s*$", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
