using Understudy.Core.Datasets;
using Understudy.Pipelines.Evaluation;

namespace Understudy.Pipelines.Tests.Evaluation;

public sealed class EvaluationAggregatorTests
{
    private static EvaluationRow Row(string model, params (int? Similarity, int? Precision)[] judgements) => new()
    {
        PromptId = Guid.NewGuid().ToString(),
        ModelId = model,
        ModelSha = "v1",
        SimilarityScores = [.. judgements.Select(j => j.Similarity)],
        PrecisionScores = [.. judgements.Select(j => j.Precision)],
        ParseStatuses = [.. judgements.Select(j => j.Similarity is null ? "failed: malformed" : "ok")],
    };

    private static EvaluationConfig Config(double threshold) => new()
    {
        ServiceModelName = "judge",
        AvgSimilarityThreshold = threshold,
        AvgPrecisionThreshold = threshold,
    };

    [Fact]
    public void Summarise_averages_each_response_over_its_valid_judgements_and_counts_failures()
    {
        EvaluationRow[] rows = [Row("a", (80, 90), (60, 70)), Row("a", (null, null), (100, 100)), Row("a", (null, null))];

        EvaluationSummaryRow summary = Assert.Single(EvaluationAggregator.Summarise(rows, Config(50), DateTimeOffset.UnixEpoch));

        Assert.Equal((3, 2, 5, 2), (summary.Responses, summary.ScoredResponses, summary.Judgements, summary.FailedJudgements));
        Assert.Equal(85, summary.SimilarityMean, 6);
        Assert.Equal(90, summary.PrecisionMean, 6);
        Assert.Equal(1.0, summary.SimilarityCoverage70, 6);
    }

    [Theory]
    [InlineData(85, "pass")]
    [InlineData(86, "fail")]
    public void Summarise_passes_only_when_both_means_reach_their_thresholds(double threshold, string verdict)
    {
        EvaluationRow[] rows = [Row("a", (85, 95)), Row("a", (85, 90))];

        Assert.Equal(verdict, EvaluationAggregator.Summarise(rows, Config(threshold), DateTimeOffset.UnixEpoch)[0].Verdict);
    }

    [Fact]
    public void Summarise_gives_one_verdict_per_model_and_fails_a_model_with_no_valid_judgement()
    {
        EvaluationRow[] rows = [Row("a", (95, 95)), Row("b", (null, null))];

        var summaries = EvaluationAggregator.Summarise(rows, Config(90), DateTimeOffset.UnixEpoch);

        Assert.Equal(["a:pass", "b:fail"], summaries.Select(s => $"{s.ModelId}:{s.Verdict}"));
    }
}
