using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Tests.TicketTriage;

public sealed class TriageGraderTests
{
    private static readonly TriageRecord Truth = new(TicketCategory.Shipping, TicketPriority.High, "Orbit Wireless Earbuds",
        "ORD-482913", TicketSentiment.Negative, NeedsHuman: false);

    [Fact]
    public void Grades_the_truth_100_on_both_scores()
    {
        TriageGrade similarity = TriageGrader.GradeSimilarity(Truth.ToJson(), Truth);
        TriageGrade precision = TriageGrader.GradePrecision(Truth.ToJson(), Truth);

        Assert.Equal(100, similarity.Score);
        Assert.Equal(100, precision.Score);
        Assert.Empty(precision.WrongFields);
    }

    [Theory]
    [InlineData("category", 83, 75)]
    [InlineData("priority", 83, 75)]
    [InlineData("needs_human", 83, 85)]
    [InlineData("order_id", 83, 85)]
    [InlineData("product", 83, 90)]
    [InlineData("sentiment", 83, 90)]
    public void Lowers_the_scores_by_the_weight_of_the_wrong_field(string field, int expectedSimilarity, int expectedPrecision)
    {
        string answer = WithWrong(field).ToJson();

        TriageGrade similarity = TriageGrader.GradeSimilarity(answer, Truth);
        TriageGrade precision = TriageGrader.GradePrecision(answer, Truth);

        Assert.Equal(expectedSimilarity, similarity.Score);
        Assert.Equal(expectedPrecision, precision.Score);
        Assert.Equal([field], precision.WrongFields);
        Assert.Contains(field, precision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_a_missing_or_invalid_field_as_wrong_and_says_so()
    {
        const string answer = """{"category":"shipping","priority":"very high","product":"Orbit Wireless Earbuds","order_id":"ORD-482913","sentiment":"negative"}""";

        TriageGrade precision = TriageGrader.GradePrecision(answer, Truth);

        Assert.Equal(60, precision.Score);
        Assert.Equal(["priority", "needs_human"], precision.WrongFields);
        Assert.Contains("priority is invalid", precision.Reason, StringComparison.Ordinal);
        Assert.Contains("needs_human is missing", precision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Takes_10_off_precision_but_nothing_off_similarity_for_a_fenced_answer()
    {
        string answer = $"```json\n{Truth.ToJson()}\n```";

        Assert.Equal(100, TriageGrader.GradeSimilarity(answer, Truth).Score);
        Assert.Equal(90, TriageGrader.GradePrecision(answer, Truth).Score);
    }

    [Fact]
    public void Takes_5_off_both_scores_per_extra_key()
    {
        string answer = Truth.ToJson().TrimEnd('}') + ",\"customer_tier\":\"pro\"}";

        Assert.Equal(95, TriageGrader.GradeSimilarity(answer, Truth).Score);
        Assert.Equal(95, TriageGrader.GradePrecision(answer, Truth).Score);
    }

    [Theory]
    [InlineData("I think this is a shipping problem.")]
    [InlineData("{\"category\": \"shipping\",")]
    [InlineData("[1, 2]")]
    public void Scores_0_when_the_answer_holds_no_json_object(string answer)
    {
        TriageGrade precision = TriageGrader.GradePrecision(answer, Truth);

        Assert.Equal(0, precision.Score);
        Assert.Equal(0, TriageGrader.GradeSimilarity(answer, Truth).Score);
        Assert.Equal(TriageRecord.FieldNames.Count, precision.WrongFields.Count);
    }

    [Fact]
    public void Compares_text_values_ignoring_case()
    {
        string answer = Truth.ToJson().Replace("Orbit Wireless Earbuds", "orbit wireless earbuds", StringComparison.Ordinal);

        Assert.Equal(100, TriageGrader.GradePrecision(answer, Truth).Score);
    }

    private static TriageRecord WithWrong(string field) => field switch
    {
        "category" => Truth with { Category = TicketCategory.Billing },
        "priority" => Truth with { Priority = TicketPriority.Urgent },
        "needs_human" => Truth with { NeedsHuman = true },
        "order_id" => Truth with { OrderId = null },
        "product" => Truth with { Product = "Lumen Desk Lamp" },
        "sentiment" => Truth with { Sentiment = TicketSentiment.Neutral },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
