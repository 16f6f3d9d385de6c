using System.Globalization;
using Understudy.ServiceSimulator.TicketTriage.Phrasebook;

namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>
/// A deliberately imperfect answerer that stands in for an untrained student model in offline demos: it starts
/// from the computed truth and gets each field wrong with probability <c>errorRate</c> (a plausible wrong value:
/// a neighbouring priority, another product, a flipped flag), and with probability <c>errorRate / 3</c> wraps the
/// JSON in a Markdown fence. It is a simulator, not a model; it exists so that evaluate has failures to report and
/// synth/merge have work to do.
/// </summary>
public static class TriageStudentSimulator
{
    /// <summary>
    /// An answer to the ticket whose truth is <paramref name="truth"/>, with seeded mistakes; never fenced when
    /// <paramref name="allowCodeFence"/> is false (the request asked for a JSON response format).
    /// </summary>
    public static string Answer(TriageRecord truth, double errorRate, Random random, bool allowCodeFence = true)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(errorRate, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(errorRate, 1.0);
        bool Mistake() => random.NextDouble() < errorRate;

        TriageRecord answer = truth with
        {
            Category = Mistake() ? Other(truth.Category, random) : truth.Category,
            Priority = Mistake() ? Neighbour(truth.Priority, random) : truth.Priority,
            Product = Mistake() ? OtherProduct(truth.Product, random) : truth.Product,
            OrderId = Mistake() ? OtherOrderId(truth.OrderId, random) : truth.OrderId,
            Sentiment = Mistake() ? Other(truth.Sentiment, random) : truth.Sentiment,
            NeedsHuman = Mistake() ? !truth.NeedsHuman : truth.NeedsHuman,
        };
        string json = answer.ToJson();
        return allowCodeFence && random.NextDouble() < errorRate / 3 ? $"```json\n{json}\n```" : json;
    }

    private static TEnum Other<TEnum>(TEnum value, Random random)
        where TEnum : struct, Enum
    {
        TEnum[] others = Enum.GetValues<TEnum>().Where(candidate => !candidate.Equals(value)).ToArray();
        return others[random.Next(others.Length)];
    }

    private static TicketPriority Neighbour(TicketPriority priority, Random random) => priority switch
    {
        TicketPriority.Low => TicketPriority.Medium,
        TicketPriority.Urgent => TicketPriority.High,
        _ => random.Next(2) == 0 ? priority - 1 : priority + 1,
    };

    private static string? OtherProduct(string? product, Random random)
    {
        if (product is not null && random.Next(3) == 0)
        {
            return null;
        }
        string[] others = ProductCatalog.Names.Where(name => name != product).ToArray();
        return others[random.Next(others.Length)];
    }

    private static string? OtherOrderId(string? orderId, Random random) =>
        orderId is not null && random.Next(2) == 0
            ? null
            : OrderIdPhrases.Canonical(random.Next(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture));
}
