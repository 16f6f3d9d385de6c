using System.Text.RegularExpressions;

namespace Understudy.Pipelines.Curation;

/// <summary>Removes rows whose answer is a refusal ("I'm sorry, I can't help with that"), by case-insensitive patterns.</summary>
public sealed class RefusalRule : IRowFilter
{
    /// <summary>Openings and phrases of common English refusals.</summary>
    public static IReadOnlyList<string> DefaultPatterns { get; } =
    [
        @"^\W*(I'?m|I am) (sorry|afraid)\b",
        @"^\W*(I )?apologi[sz]e\b",
        @"\bI (cannot|can't|can not|won't|will not|am unable to|am not able to) (help|assist|provide|comply|answer|do that)",
        @"\bas an AI( language)? model\b",
    ];

    private readonly IReadOnlyList<Regex> _patterns;

    public RefusalRule(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _patterns = [.. patterns.Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];
    }

    public string Rule => CurationRules.Refusal;

    public string Description => "answer is a refusal (refusal_patterns)";

    public RowRejection? Check(CurationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Regex? match = _patterns.FirstOrDefault(p => p.IsMatch(row.Answer));
        return match is null ? null : new RowRejection($"answer matches refusal pattern '{match}'");
    }
}
