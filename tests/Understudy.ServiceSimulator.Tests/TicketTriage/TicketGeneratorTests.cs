using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Tests.TicketTriage;

public sealed class TicketGeneratorTests
{
    [Fact]
    public void Next_writes_the_same_tickets_for_the_same_seed()
    {
        var first = new TicketGenerator(seed: 42);
        var second = new TicketGenerator(seed: 42);

        for (int index = 0; index < 200; index++)
        {
            Assert.Equal(first.Next(), second.Next());
        }
    }

    [Fact]
    public void Next_writes_different_tickets_for_different_seeds()
    {
        var first = new TicketGenerator(seed: 1);
        var second = new TicketGenerator(seed: 2);

        int identical = Enumerable.Range(0, 50).Count(_ => first.Next().Text == second.Next().Text);

        Assert.True(identical < 5, $"{identical} of 50 tickets were identical across seeds");
    }

    [Fact]
    public void Next_covers_every_category_priority_sentiment_and_both_needs_human_values()
    {
        var generator = new TicketGenerator(seed: 7);
        List<TriageRecord> truths = Enumerable.Range(0, 500).Select(_ => generator.Next().Truth).ToList();

        Assert.Equal(Enum.GetValues<TicketCategory>().Length, truths.Select(t => t.Category).Distinct().Count());
        Assert.Equal(Enum.GetValues<TicketPriority>().Length, truths.Select(t => t.Priority).Distinct().Count());
        Assert.Equal(Enum.GetValues<TicketSentiment>().Length, truths.Select(t => t.Sentiment).Distinct().Count());
        Assert.Equal(2, truths.Select(t => t.NeedsHuman).Distinct().Count());
        Assert.Contains(truths, t => t.OrderId is null);
        Assert.Contains(truths, t => t.OrderId is not null);
        Assert.Contains(truths, t => t.Product is null);
    }

    [Fact]
    public void Next_writes_a_ticket_of_the_requested_category()
    {
        var generator = new TicketGenerator(seed: 3);

        for (int index = 0; index < 50; index++)
        {
            Assert.Equal(TicketCategory.Shipping, generator.Next(TicketCategory.Shipping).Truth.Category);
        }
    }

    [Fact]
    public void Next_writes_mostly_distinct_ticket_texts()
    {
        var generator = new TicketGenerator(seed: 11);

        int distinct = Enumerable.Range(0, 300).Select(_ => generator.Next().Text).Distinct().Count();

        Assert.Equal(300, distinct);
    }
}
