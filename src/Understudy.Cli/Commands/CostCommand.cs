using System.CommandLine;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Core.Configuration;
using Understudy.Pipelines.Costs;
using static Understudy.Cli.Commands.Pipelines.PipelineCommandSupport;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy cost</c>: the service-vs-local cost comparison from the numbers in the config (measured wall times,
/// request counts, tokens, the migration's service spend) and the price assumptions; prints the assumptions, the
/// per-request costs and the break-even. The run report shows the same table filled from a run's measurements.
/// </summary>
public static class CostCommand
{
    public static Command Create() => ConfigCommand.Create<CostConfig>(
        "cost", "Compare serving with the service LLM vs the local model: cost per request, migration cost, break-even", RunAsync);

    private static Task<int> RunAsync(ConfigCommandContext<CostConfig> context, CancellationToken cancellationToken)
    {
        CostComparison cost;
        try
        {
            cost = new CostEstimator().Compare(CostMeasurements.None, context.Config);
        }
        catch (CostEstimateException e)
        {
            throw new ConfigException(e.Message);
        }

        SummaryTable.Write(context.Console, "cost assumptions", ["assumption", "value", "source"],
            cost.Assumptions.Select(a => (IReadOnlyList<string>)[a.Name, a.Value, a.Source]));
        SummaryTable.Write(context.Console, "service vs local", ["", "value"],
        [
            ["service cost per request", Usd(cost.ServiceCostPerRequestUsd)],
            ["local cost per request", Usd(cost.LocalCostPerRequestUsd)],
            ["one-off migration cost", $"{Usd(cost.OneOffCostUsd)} (service calls {Usd(cost.MigrationServiceCostUsd)} + fine-tuning {Usd(cost.FineTuneCostUsd)})"],
            ["break-even", cost.BreakEvenRequests is { } n ? $"{Count((long)Math.Ceiling(n))} requests ({Number(cost.BreakEvenDays!.Value)} days)" : "never"],
            [$"{Count(cost.HorizonRequests)} requests on the service", Usd(cost.HorizonServiceCostUsd)],
            [$"{Count(cost.HorizonRequests)} requests locally", Usd(cost.HorizonLocalCostUsd)],
        ]);
        context.Console.WriteLine(cost.Verdict);
        context.Run.SetMetric("service_cost_per_request_usd", (double)cost.ServiceCostPerRequestUsd)
            .SetMetric("local_cost_per_request_usd", (double)cost.LocalCostPerRequestUsd)
            .SetMetric("one_off_cost_usd", (double)cost.OneOffCostUsd);
        if (cost.BreakEvenRequests is { } breakEven)
        {
            context.Run.SetMetric("break_even_requests", breakEven);
        }
        return Task.FromResult(ExitCodes.Success);
    }

    private static string Usd(decimal value) => "$" + value.ToString(value != 0 && Math.Abs(value) < 0.01m ? "0.######" : "#,0.00", System.Globalization.CultureInfo.InvariantCulture);
}
