using System.Globalization;
using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Evaluation;

/// <summary>Turns evaluation rows into one <see cref="EvaluationSummaryRow"/> per evaluated model, with its pass/fail verdict.</summary>
public static class EvaluationAggregator
{
    public static List<EvaluationSummaryRow> Summarise(IEnumerable<EvaluationRow> rows, EvaluationConfig config, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(config);
        return [.. rows
            .GroupBy(r => (r.ModelId, r.ModelSha))
            .OrderBy(g => g.Key.ModelId, StringComparer.Ordinal).ThenBy(g => g.Key.ModelSha, StringComparer.Ordinal)
            .Select(g => SummariseModel(g.Key.ModelId, g.Key.ModelSha, [.. g], config, now))];
    }

    private static EvaluationSummaryRow SummariseModel(
        string modelId, string modelSha, List<EvaluationRow> rows, EvaluationConfig config, DateTimeOffset now)
    {
        List<double> similarity = [.. rows.Select(r => RowMean(r.SimilarityScores)).OfType<double>()];
        List<double> precision = [.. rows.Select(r => RowMean(r.PrecisionScores)).OfType<double>()];
        var similarityStats = ScoreStatistics.Of(similarity);
        var precisionStats = ScoreStatistics.Of(precision);
        int judgements = rows.Sum(r => r.ParseStatuses.Count);
        int failed = rows.Sum(r => r.ParseStatuses.Count(s => s != "ok"));
        bool passed = similarityStats.Count > 0
            && similarityStats.Mean >= config.AvgSimilarityThreshold
            && precisionStats.Mean >= config.AvgPrecisionThreshold;
        return new EvaluationSummaryRow
        {
            ModelId = modelId,
            ModelSha = modelSha,
            JudgeModel = config.ServiceModelName,
            EvalRepeat = config.EvalRepeat,
            Responses = rows.Count,
            ScoredResponses = similarity.Count,
            Judgements = judgements,
            FailedJudgements = failed,
            SimilarityMean = similarityStats.Mean,
            SimilarityMedian = similarityStats.Median,
            SimilarityStd = similarityStats.StdDev,
            SimilarityCoverage50 = similarityStats.CoverageAt50,
            SimilarityCoverage70 = similarityStats.CoverageAt70,
            PrecisionMean = precisionStats.Mean,
            PrecisionMedian = precisionStats.Median,
            PrecisionStd = precisionStats.StdDev,
            PrecisionCoverage50 = precisionStats.CoverageAt50,
            PrecisionCoverage70 = precisionStats.CoverageAt70,
            AvgSimilarityThreshold = config.AvgSimilarityThreshold,
            AvgPrecisionThreshold = config.AvgPrecisionThreshold,
            Verdict = passed ? "pass" : "fail",
            Date = now.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Mean of a response's valid scores; null when every judgement of it failed.</summary>
    private static double? RowMean(List<int?> scores)
    {
        List<int> valid = [.. scores.OfType<int>()];
        return valid.Count == 0 ? null : valid.Average();
    }
}
