using Understudy.Llm.Accounting;
using Understudy.Pipelines.Costs;

namespace Understudy.Pipelines.Reporting;

/// <summary>Tokens and cost per role, and the service-vs-local comparison with its assumptions.</summary>
internal static class CostSection
{
    public static string Usage(IReadOnlyList<UsageEntry> usage)
    {
        if (usage.Count == 0)
        {
            return $"<section id=\"usage\"><h2>Tokens and cost per role</h2>{Html.Missing("No model usage was recorded.")}</section>";
        }
        var rows = usage.Select(e => (IEnumerable<string>)[Html.Text(e.Role), Html.Text(e.Model), Html.Count(e.Requests), Html.Count(e.InputTokens),
            Html.Count(e.OutputTokens), e.IsPriced ? Html.Usd(e.CostUsd) : "no price"]).ToList();
        rows.Add(["<strong>total</strong>", "", Html.Count(usage.Sum(e => e.Requests)), Html.Count(usage.Sum(e => e.InputTokens)),
            Html.Count(usage.Sum(e => e.OutputTokens)), $"<strong>{Html.Usd(usage.Sum(e => e.CostUsd))}</strong>"]);
        string table = Html.Table(["role", "model", "requests", "input tokens", "output tokens", "cost"], rows, "numbers");
        return $"<section id=\"usage\"><h2>Tokens and cost per role</h2>{table}</section>";
    }

    public static string Comparison(CostComparison? cost)
    {
        if (cost is null)
        {
            return "";
        }
        string summary = Html.Table(["", "value"],
        [
            ["service cost per request", Html.Usd(cost.ServiceCostPerRequestUsd)],
            ["local cost per request", Html.Usd(cost.LocalCostPerRequestUsd)],
            ["migration: service calls", Html.Usd(cost.MigrationServiceCostUsd)],
            ["migration: fine-tuning hardware", Html.Usd(cost.FineTuneCostUsd)],
            ["break-even", cost.BreakEvenRequests is { } n ? $"{Html.Count((long)Math.Ceiling(n))} requests ({Html.Number(cost.BreakEvenDays!.Value, "0.#")} days)" : "never"],
            [$"horizon: {Html.Count(cost.HorizonRequests)} requests on the service", Html.Usd(cost.HorizonServiceCostUsd)],
            [$"horizon: {Html.Count(cost.HorizonRequests)} requests locally (incl. migration)", Html.Usd(cost.HorizonLocalCostUsd)],
        ], "numbers");
        string assumptions = Html.Table(["assumption", "value", "source"],
            cost.Assumptions.Select(a => (IEnumerable<string>)[Html.Text(a.Name), Html.Text(a.Value), Html.Text(a.Source)]));
        return $"<section id=\"cost\"><h2>Service vs local cost</h2><p class=\"verdict\">{Html.Text(cost.Verdict)}</p>" +
               $"<div class=\"two\">{summary}{assumptions}</div><div class=\"charts\">{CostChart.Render(cost)}</div>" +
               "<p class=\"note\">Override any assumption with its config key (understudy cost --help).</p></section>";
    }
}
