namespace Understudy.Pipelines.Costs;

/// <summary>
/// Service-vs-local cost of one migration, in the spirit of the LlamaDuo paper's cost table: what the service LLM
/// costs per request, what the local model costs per request (hardware hour price × measured inference time), what
/// the migration itself cost (service calls of teacher and judge, plus fine-tuning hardware time), and after how
/// many requests the local model has paid for itself. Made by <see cref="CostEstimator"/>; money in US dollars.
/// </summary>
public sealed record CostComparison
{
    /// <summary>Every number the comparison rests on, with where it came from (measured, config, price table).</summary>
    public IReadOnlyList<CostAssumption> Assumptions { get; init; } = [];

    /// <summary>Measured service usage per (role, model) during the migration, priced.</summary>
    public IReadOnlyList<RoleCost> Roles { get; init; } = [];

    /// <summary>What the service calls of the migration cost (sum of <see cref="Roles"/>).</summary>
    public decimal MigrationServiceCostUsd { get; init; }

    /// <summary>Hardware cost of fine-tuning: its wall time × the hourly hardware price.</summary>
    public decimal FineTuneCostUsd { get; init; }

    /// <summary>One-off cost of moving to the local model: <see cref="MigrationServiceCostUsd"/> + <see cref="FineTuneCostUsd"/>.</summary>
    public decimal OneOffCostUsd => MigrationServiceCostUsd + FineTuneCostUsd;

    /// <summary>What one request costs on the service: average tokens × price per token.</summary>
    public decimal ServiceCostPerRequestUsd { get; init; }

    /// <summary>What one request costs locally: measured inference seconds per request × the hourly hardware price.</summary>
    public decimal LocalCostPerRequestUsd { get; init; }

    /// <summary>Requests after which the local model is cheaper in total; null when it never is (it costs more per request).</summary>
    public double? BreakEvenRequests { get; init; }

    /// <summary><see cref="BreakEvenRequests"/> at the assumed requests per day; null when never.</summary>
    public double? BreakEvenDays { get; init; }

    /// <summary>Requests in the horizon (requests per day × days).</summary>
    public long HorizonRequests { get; init; }

    /// <summary>Cost of serving the horizon's requests with the service.</summary>
    public decimal HorizonServiceCostUsd { get; init; }

    /// <summary>Cost of the horizon's requests on the local model, the one-off migration cost included.</summary>
    public decimal HorizonLocalCostUsd { get; init; }

    /// <summary>One sentence: which is cheaper over the horizon and when the local model breaks even.</summary>
    public string Verdict { get; init; } = "";
}
