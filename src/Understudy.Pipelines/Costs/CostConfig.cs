using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Understudy.Pipelines.Costs;

/// <summary>
/// The assumptions of the service-vs-local cost comparison (<c>understudy cost</c>, and the report's cost table).
/// Every measured number can be overridden by its key (a value above 0 wins over the measurement).
/// </summary>
public sealed class CostConfig
{
    [Description("Service model whose price a request would pay (empty = the model of replaced_role in the measured usage).")]
    public string ServiceModel { get; set; } = "";

    [Description("The role the local model takes over; its model prices the service side.")]
    public string ReplacedRole { get; set; } = "teacher";

    [Range(0.0, 100_000.0)]
    [Description("USD per million input tokens of the service (0 = from the price table by service_model).")]
    public decimal ServiceInputPricePerMillion { get; set; }

    [Range(0.0, 100_000.0)]
    [Description("USD per million output tokens of the service (0 = from the price table by service_model).")]
    public decimal ServiceOutputPricePerMillion { get; set; }

    [Description("Name of the local hardware, shown in the table (e.g. cpu-16-core, a10g, h100).")]
    public string Hardware { get; set; } = "local machine";

    [Range(0.0, 10_000.0)]
    [Description("USD per hour of the local hardware (cloud on-demand price, or amortised purchase + power).")]
    public decimal HardwareHourlyUsd { get; set; } = 1.00m;

    [Range(1, long.MaxValue)]
    [Description("Requests per day the model serves in production.")]
    public long RequestsPerDay { get; set; } = 1000;

    [Range(1, 36_500)]
    [Description("Days of production the comparison covers.")]
    public int HorizonDays { get; set; } = 365;

    [Description("Wall time of fine-tuning (0 = measured).")]
    public TimeSpan FineTuneWallTime { get; set; }

    [Description("Wall time of the local model's batch inference (0 = measured).")]
    public TimeSpan InferenceWallTime { get; set; }

    [Range(0, long.MaxValue)]
    [Description("Requests answered in inference_wall_time (0 = measured).")]
    public long InferenceRequests { get; set; }

    [Range(0.0, 10_000_000.0)]
    [Description("Input tokens of an average request (0 = measured from the local inference).")]
    public double AvgInputTokens { get; set; }

    [Range(0.0, 10_000_000.0)]
    [Description("Output tokens of an average request (0 = measured from the local inference).")]
    public double AvgOutputTokens { get; set; }

    [Range(0.0, 10_000_000.0)]
    [Description("What the migration's service calls (teacher, judge) cost (0 = measured usage priced).")]
    public decimal MigrationCostUsd { get; set; }
}
