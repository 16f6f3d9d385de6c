using System.Globalization;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;
using Understudy.Core.Runs;
using Understudy.Core.Workspaces;
using Understudy.Llm.Accounting;
using Understudy.Llm.Providers;

namespace Understudy.Cli.Commands.Pipelines;

/// <summary>What the four LlamaDuo commands share: the workspace's dataset store, service chat clients, cost-aware progress.</summary>
internal static class PipelineCommandSupport
{
    public static IDatasetStore OpenStore(string workspace) => new ParquetDatasetStore(new Workspace(workspace));

    public static ServiceChatClientFactory ChatClients { get; } = new();

    /// <summary>Fills the cost column of a pipeline's progress from the run's usage ledger.</summary>
    public static IProgress<StepProgress> WithCost(this IProgress<StepProgress> progress, UsageLedger ledger) =>
        new CostProgress(progress, ledger);

    public static string Number(double value, string format = "0.0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Percent(double share) => double.IsNaN(share) ? "n/a" : share.ToString("P0", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Cost(UsageLedger ledger)
    {
        UsageSnapshot usage = ledger.Snapshot();
        string cost = "$" + usage.CostUsd.ToString("0.0000", CultureInfo.InvariantCulture);
        return usage.UnpricedModels.Count == 0 ? cost : $"{cost} (no price for {string.Join(", ", usage.UnpricedModels)})";
    }

    private sealed class CostProgress(IProgress<StepProgress> inner, UsageLedger ledger) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => inner.Report(value with { CostUsd = ledger.Snapshot().CostUsd });
    }
}
