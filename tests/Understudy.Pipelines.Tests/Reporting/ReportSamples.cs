using Understudy.Llm.Accounting;
using Understudy.Pipelines.Costs;
using Understudy.Pipelines.Curation;
using Understudy.Pipelines.Reporting;
using Understudy.Pipelines.Tests.Costs;

namespace Understudy.Pipelines.Tests.Reporting;

/// <summary>A two-iteration run with every part of the report filled, and model text that tries to break out of HTML.</summary>
internal static class ReportSamples
{
    public const string HostileReason = "<script>document.title='pwned'</script> the answer misses the team";
    public const string HostileCandidate = "</td></tr></table><img src=x onerror=alert(1)>{\"team\": \"hr\"}";

    /// <summary>Charts in <see cref="Full"/>: means, coverage, 2 × 2 distributions, loss, sizes, curation, step times, cost.</summary>
    public const int FullChartCount = 11;

    public static RunReportData Full() => new()
    {
        RunId = "duo-20261123-101500",
        Title = "ticket triage: gpt-4o → SmolLM2-135M",
        StartedAt = new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero),
        EndedAt = new DateTimeOffset(2026, 11, 23, 11, 2, 30, TimeSpan.Zero),
        Outcome = "passed at iteration 2",
        Thresholds = new ReportThresholds(70, 70),
        ConfigSummary = [new("student_model", "SmolLM2-135M"), new("max_iterations", "3"), new("note", "<b>bold?</b>")],
        Iterations = [Iteration(1, 48, false), Iteration(2, 76, true)],
        Usage = [.. CostEstimatorTests.Measured().Usage, new UsageEntry { Role = "student", Model = "local:SmolLM2-135M", Requests = 200 }],
        Cost = new CostEstimator().Compare(CostEstimatorTests.Measured(), new CostConfig { HardwareHourlyUsd = 2m }),
    };

    private static IterationReport Iteration(int index, double studentMean, bool passed) => new()
    {
        Index = index,
        Student = new ScoreReport { Model = "SmolLM2-135M", Similarity = Scores(studentMean), Precision = Scores(studentMean - 5), Passed = passed },
        Teacher = new ScoreReport { Model = "gpt-4o", Similarity = Scores(88), Precision = Scores(85) },
        TrainingLoss = [.. Enumerable.Range(1, 20).Select(s => new LossPoint(s, 2.5 / Math.Sqrt(s + index)))],
        EvalLoss = [new LossPoint(10, 1.1 - 0.1 * index), new LossPoint(20, 0.9 - 0.1 * index)],
        Datasets = new DatasetSizes { Train = 100 * index, Test = 40, Synth = index == 1 ? 120 : null, Curated = index == 1 ? 95 : null, Merged = index == 1 ? 195 : null },
        Curation = index == 1 ? Curation() : null,
        WorstAnswers = [new WorstAnswer("p1", "Printer on floor 3 is broken", "{\"team\": \"it\"}", HostileCandidate, 10, 5, HostileReason)],
        StepTimes = [new("finetune", TimeSpan.FromMinutes(12)), new("batch_infer", TimeSpan.FromMinutes(3)), new("evaluate", TimeSpan.FromMinutes(4))],
    };

    private static double[] Scores(double mean) => [.. Enumerable.Range(0, 40).Select(i => Math.Clamp(mean + (i % 9 - 4) * 6, 0, 100))];

    private static CurationReport Curation() => new()
    {
        Input = "synth-1:train",
        Output = "synth-1-curated:train",
        InputRows = 120,
        Kept = 95,
        Rules =
        [
            new CurationRuleReport(CurationRules.ExactDuplicate, "same normalised prompt", 15, [new CurationExample(4, "a", "Reset <password>", "{}", "same text as row 1", 1, "b", "reset password")]),
            new CurationRuleReport(CurationRules.NearDuplicate, "near an earlier row", 10, []),
        ],
    };
}
