using System.Text.RegularExpressions;

namespace Understudy.Core.Datasets;

/// <summary>
/// Rules for dataset ids and split names. An id is <c>name</c> or <c>owner/name</c> (the latter also names a
/// Hugging Face Hub dataset); each part uses letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, as on the Hub.
/// </summary>
public static partial class DatasetIds
{
    /// <summary>True when <paramref name="datasetId"/> has the Hub's <c>owner/name</c> form.</summary>
    public static bool IsHubId(string datasetId) => datasetId.Contains('/', StringComparison.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> explaining the rule when the id is not valid.</summary>
    public static void Validate(string datasetId)
    {
        ArgumentNullException.ThrowIfNull(datasetId);
        string[] parts = datasetId.Split('/');
        if (parts.Length > 2 || !parts.All(IsValidPart))
        {
            throw new ArgumentException(
                $"Dataset id '{datasetId}' is not valid: use 'name' or 'owner/name' where each part has letters, " +
                "digits, '-', '_' or '.' (not starting with '.' or '-', at most 96 characters).", nameof(datasetId));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> explaining the rule when the split name is not valid.</summary>
    public static void ValidateSplit(string split)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (!IsValidPart(split))
        {
            throw new ArgumentException(
                $"Split name '{split}' is not valid: use letters, digits, '-', '_' or '.' (e.g. 'train', 'test').",
                nameof(split));
        }
    }

    private static bool IsValidPart(string part) => part.Length <= 96 && PartPattern().IsMatch(part);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex PartPattern();
}
