using System.Security.Cryptography;
using System.Text;

namespace Understudy.Pipelines.Curation;

/// <summary>
/// Removes a row whose normalised text (<see cref="TextNormaliser"/>: case, whitespace and punctuation ignored)
/// has the same SHA-256 as a row kept earlier; the earlier row stays.
/// </summary>
public sealed class ExactDuplicateRule(CurationText part) : IDuplicateRule
{
    private readonly Dictionary<string, CurationRow> _kept = new(StringComparer.Ordinal);

    public string Rule => CurationRules.ExactDuplicate;

    public string Description => $"same normalised {PartName(part)} as an earlier row (exact_dedup)";

    /// <summary>The hex SHA-256 of the normalised text.</summary>
    public static string Key(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TextNormaliser.Normalise(text))));

    public RowRejection? Check(CurationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _kept.TryGetValue(Key(row.Text(part)), out CurationRow? original)
            ? new RowRejection($"same normalised text as row {original.Index}", 1.0, original)
            : null;
    }

    public void Remember(CurationRow kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        _kept.TryAdd(Key(kept.Text(part)), kept);
    }

    internal static string PartName(CurationText part) => part switch
    {
        CurationText.Prompt => "prompt",
        CurationText.Answer => "answer",
        _ => "prompt and answer",
    };
}
