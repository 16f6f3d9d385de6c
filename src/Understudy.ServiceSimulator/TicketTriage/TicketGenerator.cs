using System.Globalization;
using Understudy.ServiceSimulator.TicketTriage.Phrasebook;

namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>
/// Writes support tickets from the phrasebook with seeded randomness: the same seed gives the same tickets in
/// the same order on any machine. Each ticket comes with the facts it was written from and its computed triage.
/// Not thread-safe: give each concurrent user its own generator.
/// </summary>
public sealed class TicketGenerator
{
    private static readonly TicketCategory[] Categories = Enum.GetValues<TicketCategory>();
    private static readonly TicketPriority?[] Severities =
        [null, TicketPriority.Low, TicketPriority.Medium, TicketPriority.High, TicketPriority.Urgent];
    private static readonly TicketPriority?[] FeatureRequestSeverities = [null, TicketPriority.Low, TicketPriority.Medium];

    private readonly Random _random;

    public TicketGenerator(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>The next ticket; of <paramref name="category"/> when given, of a random category otherwise.</summary>
    public GeneratedTicket Next(TicketCategory? category = null)
    {
        TicketCategory chosenCategory = category ?? Pick(Categories);
        string issue = Pick(IssuePhrases.ByCategory.SentencesFor(chosenCategory));
        string? product = issue.Contains(IssuePhrases.ProductSlot, StringComparison.Ordinal) ? Pick(ProductCatalog.Names) : null;
        string? orderDigits = Chance(OrderChance(chosenCategory)) ? _random.Next(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture) : null;
        TicketPriority? severity = Pick(chosenCategory == TicketCategory.FeatureRequest ? FeatureRequestSeverities : Severities);
        CustomerTier tier = PickWeighted((CustomerTier.Unstated, 40), (CustomerTier.Free, 15), (CustomerTier.Pro, 20), (CustomerTier.Enterprise, 25));
        TicketSentiment sentiment = PickWeighted((TicketSentiment.Neutral, 40), (TicketSentiment.Negative, 35), (TicketSentiment.Positive, 25));
        bool asksForHuman = Chance(0.15);
        bool requestsRefund = CueMatcher.IndexOf(CueMatcher.Normalize(issue), IssuePhrases.RefundCue) >= 0;

        var sentences = new List<string> { FillIssue(issue, product) };
        if (orderDigits is not null)
        {
            sentences.Add(Pick(OrderIdPhrases.Sentences).Replace(OrderIdPhrases.DigitsSlot, orderDigits, StringComparison.Ordinal));
        }
        if (severity is { } level)
        {
            sentences.Add(Pick(SeverityPhrases.ByLevel.SentencesFor(level)));
        }
        if (tier != CustomerTier.Unstated)
        {
            sentences.Add(Pick(TierPhrases.ByTier.SentencesFor(tier)));
        }
        if (sentiment != TicketSentiment.Neutral)
        {
            sentences.Add(Pick(SentimentPhrases.ByTone.SentencesFor(sentiment)));
        }
        if (asksForHuman)
        {
            sentences.Add(Pick(HumanRequestPhrases.Requests.SentencesFor(true)));
        }
        int smallTalkCount = _random.Next(0, 3);
        sentences.AddRange(FillerPhrases.SmallTalk.OrderBy(_ => _random.Next()).Take(smallTalkCount).Select(FillSmallTalk));

        var facts = new TicketFacts(chosenCategory, product, orderDigits is null ? null : OrderIdPhrases.Canonical(orderDigits),
            severity, tier, sentiment, asksForHuman, requestsRefund);
        return new GeneratedTicket(Layout(Shuffle(sentences)), facts, TriageRules.Apply(facts));
    }

    private static double OrderChance(TicketCategory category) => category switch
    {
        TicketCategory.Billing or TicketCategory.Shipping => 0.85,
        TicketCategory.Bug => 0.3,
        _ => 0,
    };

    private string FillIssue(string issue, string? product)
    {
        string productText = product is not null && Chance(0.15) ? product.ToLowerInvariant() : product ?? "";
        return issue
            .Replace(IssuePhrases.ProductSlot, productText, StringComparison.Ordinal)
            .Replace("{code}", _random.Next(100, 1000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private string FillSmallTalk(string sentence)
    {
        string date = Chance(0.5)
            ? $"{Pick(FillerPhrases.Months)} {_random.Next(1, 29)}"
            : $"2025-{_random.Next(1, 13):00}-{_random.Next(1, 29):00}";
        return sentence
            .Replace("{date}", date, StringComparison.Ordinal)
            .Replace("{phone}", _random.Next(10, 100).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{ticket}", _random.Next(10_000, 100_000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{first}", Pick(FillerPhrases.FirstNames), StringComparison.Ordinal);
    }

    private string Layout(IReadOnlyList<string> sentences)
    {
        var lines = new List<string>();
        if (Chance(0.3))
        {
            lines.Add(Pick(FillerPhrases.Subjects));
        }
        if (Chance(0.85))
        {
            lines.Add(Pick(FillerPhrases.Greetings));
        }
        lines.Add(string.Join(Chance(0.7) ? " " : "\n", sentences));
        if (Chance(0.9))
        {
            string name = Chance(0.5) ? Pick(FillerPhrases.FirstNames) : $"{Pick(FillerPhrases.FirstNames)} {Pick(FillerPhrases.LastNames)}";
            lines.Add(Pick(FillerPhrases.SignOffs));
            lines.Add(name);
        }
        return string.Join("\n", lines);
    }

    private List<string> Shuffle(List<string> items)
    {
        for (int index = items.Count - 1; index > 0; index--)
        {
            int swap = _random.Next(index + 1);
            (items[index], items[swap]) = (items[swap], items[index]);
        }
        return items;
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private T PickWeighted<T>(params (T Value, int Weight)[] choices)
    {
        int roll = _random.Next(choices.Sum(choice => choice.Weight));
        foreach ((T value, int weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }
            roll -= weight;
        }
        return choices[^1].Value;
    }
}
