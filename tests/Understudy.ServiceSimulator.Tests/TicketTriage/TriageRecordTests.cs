using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Tests.TicketTriage;

public sealed class TriageRecordTests
{
    [Fact]
    public void ToJson_writes_one_line_with_the_keys_in_order_and_nulls()
    {
        var record = new TriageRecord(TicketCategory.FeatureRequest, TicketPriority.Low, null, null, TicketSentiment.Positive, false);

        Assert.Equal("""{"category":"feature_request","priority":"low","product":null,"order_id":null,"sentiment":"positive","needs_human":false}""",
            record.ToJson());
    }

    [Fact]
    public void TryParse_reads_back_what_ToJson_wrote()
    {
        var record = new TriageRecord(TicketCategory.Bug, TicketPriority.Urgent, "Vertex Laptop 14", "ORD-100200", TicketSentiment.Negative, true);

        Assert.True(TriageRecord.TryParse(record.ToJson(), out TriageRecord? parsed, out _));
        Assert.Equal(record, parsed);
    }

    [Fact]
    public void TryParse_names_the_missing_key()
    {
        Assert.False(TriageRecord.TryParse("""{"category":"bug"}""", out _, out string problem));
        Assert.Contains("\"priority\"", problem, StringComparison.Ordinal);
    }
}
