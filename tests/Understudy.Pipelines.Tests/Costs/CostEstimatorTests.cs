using Understudy.Llm.Accounting;
using Understudy.Pipelines.Costs;

namespace Understudy.Pipelines.Tests.Costs;

public sealed class CostEstimatorTests
{
    /// <summary>teacher gpt-4o: 200k in / 50k out = $1.00; judge gpt-4o-mini: 600k in / 30k out = $0.108.</summary>
    public static CostMeasurements Measured() => new(
        [
            new UsageEntry { Role = "judge", Model = "gpt-4o-mini", Requests = 300, InputTokens = 600_000, OutputTokens = 30_000, CostUsd = 0.108m, IsPriced = true },
            new UsageEntry { Role = "teacher", Model = "gpt-4o", Requests = 100, InputTokens = 200_000, OutputTokens = 50_000, CostUsd = 1.00m, IsPriced = true },
        ],
        FineTuneWallTime: TimeSpan.FromMinutes(30),
        InferenceWallTime: TimeSpan.FromMinutes(10),
        InferenceRequests: 200,
        InferenceInputTokens: 100_000,
        InferenceOutputTokens: 20_000);

    private static CostConfig Config() => new() { HardwareHourlyUsd = 2.00m, RequestsPerDay = 1000, HorizonDays = 365 };

    [Fact]
    public void Compare_prices_requests_on_the_service_and_on_local_hardware_time()
    {
        CostComparison cost = new CostEstimator().Compare(Measured(), Config());

        // Service: 500 in × $2.50/M + 100 out × $10/M = $0.00225; local: (1/6 h / 200) × $2/h = $0.0016667.
        Assert.Equal(0.00225m, cost.ServiceCostPerRequestUsd);
        Assert.Equal(0.0016667, (double)cost.LocalCostPerRequestUsd, 7);
        // One-off: $1.108 of service calls + 0.5 h × $2 of fine-tuning.
        Assert.Equal((1.108m, 1.00m, 2.108m), (cost.MigrationServiceCostUsd, cost.FineTuneCostUsd, cost.OneOffCostUsd));
        // Break-even: 2.108 / (0.00225 − 0.0016667) = 3613.7 requests = 3.61 days at 1000/day.
        Assert.Equal(3613.7, cost.BreakEvenRequests!.Value, 1);
        Assert.Equal(3.6137, cost.BreakEvenDays!.Value, 4);
        Assert.Equal(365_000, cost.HorizonRequests);
        Assert.Equal(821.25m, cost.HorizonServiceCostUsd);
        Assert.Equal(610.44, (double)cost.HorizonLocalCostUsd, 2);
        Assert.Contains("breaks even after 3,614 requests", cost.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_lists_each_role_with_its_table_price_and_every_assumption_with_its_source()
    {
        CostComparison cost = new CostEstimator().Compare(Measured(), Config());

        RoleCost teacher = cost.Roles.Single(r => r.Role == "teacher");
        Assert.Equal((2.50m, 10.00m, 1.00m), (teacher.InputPricePerMillion, teacher.OutputPricePerMillion, teacher.CostUsd));
        Assert.Contains(cost.Assumptions, a => a.Name == "gpt-4o input price" && a.Source == "price table");
        Assert.Contains(cost.Assumptions, a => a.Name == "local inference wall time" && a.Value == "00:10:00" && a.Source == "measured");
        Assert.Contains(cost.Assumptions, a => a.Name == "hardware price (local machine)" && a.Value == "$2.00/hour");
    }

    [Fact]
    public void Config_values_override_the_measurements_and_say_so()
    {
        var config = Config();
        (config.ServiceInputPricePerMillion, config.ServiceOutputPricePerMillion, config.AvgInputTokens, config.AvgOutputTokens) = (1m, 2m, 1000, 500);
        config.FineTuneWallTime = TimeSpan.FromHours(2);

        CostComparison cost = new CostEstimator().Compare(Measured(), config);

        Assert.Equal(0.002m, cost.ServiceCostPerRequestUsd);
        Assert.Equal(4.00m, cost.FineTuneCostUsd);
        Assert.Contains(cost.Assumptions, a => a.Source == "config (service_input_price_per_million)");
        Assert.Contains(cost.Assumptions, a => a.Source == "config (fine_tune_wall_time)");
    }

    [Fact]
    public void Compare_says_never_when_local_requests_cost_more()
    {
        var config = Config();
        config.HardwareHourlyUsd = 100m;

        CostComparison cost = new CostEstimator().Compare(Measured(), config);

        Assert.Null(cost.BreakEvenRequests);
        Assert.Null(cost.BreakEvenDays);
        Assert.Contains("never breaks even", cost.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_names_the_keys_to_set_when_numbers_are_missing()
    {
        var estimator = new CostEstimator();

        var noInference = Assert.Throws<CostEstimateException>(() => estimator.Compare(Measured() with { InferenceRequests = 0 }, Config()));
        Assert.Contains("inference_requests", noInference.Message, StringComparison.Ordinal);
        var unknown = Config();
        unknown.ServiceModel = "house-model-7";
        var noPrice = Assert.Throws<CostEstimateException>(() => estimator.Compare(Measured(), unknown));
        Assert.Contains("service_input_price_per_million", noPrice.Message, StringComparison.Ordinal);
        var noModel = Assert.Throws<CostEstimateException>(() => estimator.Compare(Measured() with { Usage = [] }, Config()));
        Assert.Contains("service_model", noModel.Message, StringComparison.Ordinal);
    }
}
