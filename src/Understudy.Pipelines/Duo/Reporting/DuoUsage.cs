using Understudy.Core.Lineage;
using Understudy.Llm.Accounting;

namespace Understudy.Pipelines.Duo.Reporting;

/// <summary>
/// Service usage per role of a duo run, summed from its steps' metrics (the usage ledger of each process is not
/// kept, the steps' token, call and cost metrics are): the teacher's synth calls and test answers, the judge's calls,
/// and the student's local answers (no price). A service role counts as priced when its steps recorded a cost. Steps reused from the cache cost nothing in this run.
/// </summary>
public static class DuoUsage
{
    /// <summary>One entry per role that made calls in the run.</summary>
    public static IReadOnlyList<UsageEntry> FromSteps(IReadOnlyList<StepRecord> steps, string teacherModel, string judgeModel)
    {
        ArgumentNullException.ThrowIfNull(steps);
        List<StepRecord> executed = [.. steps.Where(s => s.Status == StepStatus.Succeeded)];
        UsageEntry Sum(string role, string model, IEnumerable<StepRecord> roleSteps, string requestsMetric, bool priced)
        {
            List<StepRecord> list = [.. roleSteps];
            double Total(string metric) => list.Sum(s => double.IsNaN(s.Metric(metric)) ? 0 : s.Metric(metric));
            return new UsageEntry
            {
                Role = role,
                Model = model,
                Requests = (long)Total(requestsMetric),
                InputTokens = (long)Total("input_tokens"),
                OutputTokens = (long)Total("output_tokens"),
                CostUsd = (decimal)Total(DuoMetrics.CostUsd),
                IsPriced = priced && Total(DuoMetrics.CostUsd) > 0,
            };
        }
        UsageEntry[] entries =
        [
            Sum("teacher", teacherModel, executed.Where(s => s.Kind == "synth"), "calls", priced: true),
            Sum("teacher", teacherModel, executed.Where(s => s.Kind == "batch-infer" && s.Iteration == 0), "pairs", priced: true),
            Sum("judge", judgeModel, executed.Where(s => s.Kind == "evaluate"), "judge_calls", priced: true),
            Sum("student", "local", executed.Where(s => s.Kind == "batch-infer" && s.Iteration > 0), "pairs", priced: false),
        ];
        return [.. entries.Where(e => e.Requests > 0 || e.InputTokens > 0)
            .GroupBy(e => (e.Role, e.Model))
            .Select(g => g.Aggregate((a, b) => a with
            {
                Requests = a.Requests + b.Requests,
                InputTokens = a.InputTokens + b.InputTokens,
                OutputTokens = a.OutputTokens + b.OutputTokens,
                CostUsd = a.CostUsd + b.CostUsd,
            }))];
    }
}
