using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Curation;

/// <summary>An input row as the rules see it: its position, the normalised row, its prompt and its reference answer.</summary>
/// <param name="Index">0-based position in the input split (the order that decides which duplicate is kept).</param>
/// <param name="Answer">The last assistant turn.</param>
public sealed record CurationRow(int Index, CoverageRow Row, string Prompt, string Answer)
{
    /// <summary>Wraps a normalised row.</summary>
    public static CurationRow From(int index, CoverageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string answer = row.Messages.LastOrDefault(t => t.Role == "assistant")?.Content ?? "";
        return new CurationRow(index, row, row.Prompt, answer);
    }

    /// <summary>The text a rule compares.</summary>
    public string Text(CurationText part) => part switch
    {
        CurationText.Prompt => Prompt,
        CurationText.Answer => Answer,
        _ => Prompt + "\n" + Answer,
    };
}
