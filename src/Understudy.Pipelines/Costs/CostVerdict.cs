using System.Globalization;

namespace Understudy.Pipelines.Costs;

/// <summary>The one-sentence conclusion of a <see cref="CostComparison"/>.</summary>
internal static class CostVerdict
{
    public static string Describe(CostComparison c, string serviceModel, CostConfig config)
    {
        string service = string.IsNullOrWhiteSpace(serviceModel) ? "the service" : serviceModel;
        if (c.BreakEvenRequests is not { } requests)
        {
            return $"The local model costs more per request ({CostEstimator.Usd(c.LocalCostPerRequestUsd)}) than {service} " +
                   $"({CostEstimator.Usd(c.ServiceCostPerRequestUsd)}) on {config.Hardware} at {CostEstimator.Usd(config.HardwareHourlyUsd)}/hour: it never breaks even.";
        }
        string days = c.BreakEvenDays!.Value.ToString("#,0.#", CultureInfo.InvariantCulture);
        string saving = CostEstimator.Usd(c.HorizonServiceCostUsd - c.HorizonLocalCostUsd);
        return c.HorizonLocalCostUsd <= c.HorizonServiceCostUsd
            ? $"The local model breaks even after {requests.ToString("#,0", CultureInfo.InvariantCulture)} requests ({days} days at {config.RequestsPerDay:N0}/day) and saves {saving} over {config.HorizonDays} days."
            : $"The local model is cheaper per request but needs {requests.ToString("#,0", CultureInfo.InvariantCulture)} requests ({days} days) to repay the migration, beyond the {config.HorizonDays}-day horizon.";
    }
}
