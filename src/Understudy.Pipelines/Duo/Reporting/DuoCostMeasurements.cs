using Understudy.Core.Lineage;
using Understudy.Llm.Accounting;
using Understudy.Pipelines.Costs;

namespace Understudy.Pipelines.Duo.Reporting;

/// <summary>What a duo run measured for the service-vs-local cost comparison: service usage, fine-tuning time, and the student's inference time, answers and tokens.</summary>
public static class DuoCostMeasurements
{
    /// <summary>Sums the run's executed steps (cached ones took no time in this run).</summary>
    public static CostMeasurements From(IReadOnlyList<StepRecord> steps, IReadOnlyList<UsageEntry> usage)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(usage);
        List<StepRecord> executed = [.. steps.Where(s => s.Status == StepStatus.Succeeded)];
        List<StepRecord> studentAnswers = [.. executed.Where(s => s.Kind == "batch-infer" && s.Iteration > 0)];
        double Sum(IEnumerable<StepRecord> list, string metric) => list.Sum(s => double.IsNaN(s.Metric(metric)) ? 0 : s.Metric(metric));
        return new CostMeasurements(
            [.. usage.Where(u => u.Role != "student")],
            TimeSpan.FromSeconds(Sum(executed.Where(s => s.Kind == "finetune"), DuoMetrics.WallSeconds)),
            TimeSpan.FromSeconds(Sum(studentAnswers, DuoMetrics.WallSeconds)),
            (long)Sum(studentAnswers, "generated"),
            (long)Sum(studentAnswers, "input_tokens"),
            (long)Sum(studentAnswers, "output_tokens"));
    }
}
