using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Tests.TicketTriage;

public sealed class TriageExtractorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2024)]
    [InlineData(99)]
    public void ReadFacts_recovers_the_facts_of_every_generated_ticket(int seed)
    {
        var generator = new TicketGenerator(seed);

        for (int index = 0; index < 2000; index++)
        {
            GeneratedTicket ticket = generator.Next();

            TicketFacts facts = TriageExtractor.ReadFacts(ticket.Text);

            Assert.True(ticket.Facts == facts, $"Ticket {index} of seed {seed}:\n{ticket.Text}\nwritten from {ticket.Facts}\nread as   {facts}");
            Assert.Equal(ticket.Truth, TriageExtractor.Triage(ticket.Text));
        }
    }

    [Fact]
    public void Triage_applies_the_enterprise_bump_and_the_needs_human_rules()
    {
        const string ticket = "Hello,\nI would like a refund for the lumen desk lamp. Order #123456. No rush on this. (Enterprise customer)\nThanks,\nMaria";

        TriageRecord triage = TriageExtractor.Triage(ticket);

        Assert.Equal(new TriageRecord(TicketCategory.Billing, TicketPriority.Medium, "Lumen Desk Lamp", "ORD-123456",
            TicketSentiment.Neutral, NeedsHuman: true), triage);
    }

    [Fact]
    public void Triage_does_not_read_the_account_cue_locked_inside_blocked()
    {
        TriageRecord triage = TriageExtractor.Triage("The Quill Notes App crashes every time I open the settings. Our whole team is blocked.");

        Assert.Equal(TicketCategory.Bug, triage.Category);
        Assert.Equal(TicketPriority.Urgent, triage.Priority);
        Assert.True(triage.NeedsHuman);
    }

    [Fact]
    public void Triage_ignores_numbers_that_are_not_order_ids()
    {
        TriageRecord triage = TriageExtractor.Triage(
            "My Vertex Laptop 14 shows error code E503 when I start it. This started on 2025-03-14. You can reach me at 555-0142. PS: my old ticket number was T-123456.");

        Assert.Null(triage.OrderId);
    }

    [Fact]
    public void Triage_throws_a_reason_naming_the_cues_when_no_problem_is_stated()
    {
        var exception = Assert.Throws<TicketNotRecognizedException>(() => TriageExtractor.Triage("What is the capital of France?"));

        Assert.Contains("billing:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("\"invoice\"", exception.Message, StringComparison.Ordinal);
    }
}
