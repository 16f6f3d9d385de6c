using System.Globalization;
using Understudy.Llm.Accounting;

namespace Understudy.Pipelines.Costs;

/// <summary>
/// Computes a <see cref="CostComparison"/> from measurements and assumptions. Service per request = average tokens ×
/// the service price; local per request = measured inference hours per request × hardware price per hour; one-off =
/// the migration's service spend + fine-tuning hours × hardware price; break-even = one-off / (service − local).
/// </summary>
public sealed class CostEstimator(ModelPriceTable? prices = null)
{
    private readonly ModelPriceTable _prices = prices ?? ModelPriceTable.Default;

    /// <summary>The comparison; throws <see cref="CostEstimateException"/> naming the key to set when a number is missing.</summary>
    public CostComparison Compare(CostMeasurements measured, CostConfig config)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(config);
        var assumptions = new List<CostAssumption>();
        T Pick<T>(string name, T configured, T measuredValue, string key, Func<T, bool> isSet, Func<T, string> show)
        {
            bool fromConfig = isSet(configured);
            T value = fromConfig ? configured : measuredValue;
            assumptions.Add(new CostAssumption(name, show(value), fromConfig ? $"config ({key})" : "measured"));
            return value;
        }

        List<RoleCost> roles = [.. measured.Usage.Select(Price)];
        string serviceModel = ServiceModel(measured, config);
        ModelPrice servicePrice = ServicePrice(serviceModel, config, assumptions);

        long requests = Pick("local inference requests", config.InferenceRequests, measured.InferenceRequests, "inference_requests", v => v > 0, v => Count(v));
        TimeSpan inference = Pick("local inference wall time", config.InferenceWallTime, measured.InferenceWallTime, "inference_wall_time", v => v > TimeSpan.Zero, Duration);
        if (requests <= 0 || inference <= TimeSpan.Zero)
        {
            throw new CostEstimateException("no local inference was measured: set inference_wall_time and inference_requests (e.g. from a batch-infer run)");
        }
        double avgIn = Pick("input tokens per request", config.AvgInputTokens, (double)measured.InferenceInputTokens / requests, "avg_input_tokens", v => v > 0, v => Number(v, "0.#"));
        double avgOut = Pick("output tokens per request", config.AvgOutputTokens, (double)measured.InferenceOutputTokens / requests, "avg_output_tokens", v => v > 0, v => Number(v, "0.#"));
        TimeSpan fineTune = Pick("fine-tuning wall time", config.FineTuneWallTime, measured.FineTuneWallTime, "fine_tune_wall_time", v => v > TimeSpan.Zero, Duration);
        decimal migration = Pick("migration service spend", config.MigrationCostUsd, roles.Sum(r => r.CostUsd), "migration_cost_usd", v => v > 0, Usd);
        assumptions.Add(new CostAssumption($"hardware price ({config.Hardware})", Usd(config.HardwareHourlyUsd) + "/hour", "config (hardware_hourly_usd)"));
        assumptions.Add(new CostAssumption("requests per day", Count(config.RequestsPerDay), "config (requests_per_day)"));
        assumptions.Add(new CostAssumption("horizon", $"{config.HorizonDays} days", "config (horizon_days)"));

        decimal servicePerRequest = ((decimal)avgIn * servicePrice.InputPerMillion + (decimal)avgOut * servicePrice.OutputPerMillion) / 1_000_000m;
        decimal localPerRequest = (decimal)(inference.TotalHours / requests) * config.HardwareHourlyUsd;
        decimal fineTuneCost = (decimal)fineTune.TotalHours * config.HardwareHourlyUsd;
        decimal oneOff = migration + fineTuneCost;
        double? breakEven = servicePerRequest > localPerRequest ? (double)(oneOff / (servicePerRequest - localPerRequest)) : null;
        long horizon = config.RequestsPerDay * config.HorizonDays;
        var comparison = new CostComparison
        {
            Assumptions = assumptions,
            Roles = roles,
            MigrationServiceCostUsd = migration,
            FineTuneCostUsd = fineTuneCost,
            ServiceCostPerRequestUsd = servicePerRequest,
            LocalCostPerRequestUsd = localPerRequest,
            BreakEvenRequests = breakEven,
            BreakEvenDays = breakEven / config.RequestsPerDay,
            HorizonRequests = horizon,
            HorizonServiceCostUsd = horizon * servicePerRequest,
            HorizonLocalCostUsd = oneOff + horizon * localPerRequest,
        };
        return comparison with { Verdict = CostVerdict.Describe(comparison, serviceModel, config) };
    }

    private RoleCost Price(UsageEntry entry)
    {
        ModelPrice? price = _prices.Find(entry.Model);
        return new RoleCost(entry.Role, entry.Model, entry.Requests, entry.InputTokens, entry.OutputTokens,
            price?.InputPerMillion, price?.OutputPerMillion, entry.CostUsd);
    }

    private static string ServiceModel(CostMeasurements measured, CostConfig config)
    {
        if (!string.IsNullOrWhiteSpace(config.ServiceModel))
        {
            return config.ServiceModel;
        }
        return measured.Usage.Where(e => string.Equals(e.Role, config.ReplacedRole, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.Requests).Select(e => e.Model).FirstOrDefault() ?? "";
    }

    private ModelPrice ServicePrice(string model, CostConfig config, List<CostAssumption> assumptions)
    {
        ModelPrice? listed = _prices.Find(model);
        decimal input = config.ServiceInputPricePerMillion > 0 ? config.ServiceInputPricePerMillion : listed?.InputPerMillion ?? 0;
        decimal output = config.ServiceOutputPricePerMillion > 0 ? config.ServiceOutputPricePerMillion : listed?.OutputPerMillion ?? 0;
        if (input == 0 && output == 0)
        {
            throw new CostEstimateException(string.IsNullOrWhiteSpace(model)
                ? $"no service model to price: set service_model (no '{config.ReplacedRole}' usage was measured) or service_input_price_per_million and service_output_price_per_million"
                : $"the price table has no price for '{model}': set service_input_price_per_million and service_output_price_per_million");
        }
        string label = string.IsNullOrWhiteSpace(model) ? "service" : model;
        assumptions.Add(new CostAssumption($"{label} input price", Usd(input) + " per 1M tokens",
            config.ServiceInputPricePerMillion > 0 ? "config (service_input_price_per_million)" : "price table"));
        assumptions.Add(new CostAssumption($"{label} output price", Usd(output) + " per 1M tokens",
            config.ServiceOutputPricePerMillion > 0 ? "config (service_output_price_per_million)" : "price table"));
        return new ModelPrice(input, output);
    }

    internal static string Usd(decimal value) => "$" + value.ToString(value != 0 && Math.Abs(value) < 0.01m ? "0.######" : "#,0.00", CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan value) => value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) + (value.Days > 0 ? $" + {value.Days} d" : "");
}
