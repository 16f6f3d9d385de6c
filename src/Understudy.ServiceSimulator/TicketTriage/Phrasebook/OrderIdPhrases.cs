using System.Text.RegularExpressions;

namespace Understudy.ServiceSimulator.TicketTriage.Phrasebook;

/// <summary>
/// How tickets quote an order: six digits written as <c>ORD-123456</c>, <c>#123456</c>, <c>order 123456</c> or
/// <c>order no. 123456</c>. The triage record always reports it as <c>ORD-123456</c>.
/// </summary>
public static partial class OrderIdPhrases
{
    public const string DigitsSlot = "{digits}";

    public static readonly IReadOnlyList<string> Sentences =
    [
        "My order number is ORD-{digits}.",
        "Order #{digits}.",
        "It was order {digits}.",
        "The order id is ORD-{digits}.",
        "Order reference: ord-{digits}.",
        "This is about order no. {digits}.",
    ];

    /// <summary>The canonical id for six digits.</summary>
    public static string Canonical(string digits) => "ORD-" + digits;

    /// <summary>The canonical id of the first order quoted in the text, or null.</summary>
    public static string? FindIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Match match = OrderPattern().Match(text);
        return match.Success ? Canonical(match.Groups["digits"].Value) : null;
    }

    [GeneratedRegex(@"(?:\bORD-|#|\border\s+(?:no\.\s*)?)(?<digits>\d{6})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderPattern();
}
