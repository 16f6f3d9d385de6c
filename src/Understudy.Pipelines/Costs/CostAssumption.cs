namespace Understudy.Pipelines.Costs;

/// <summary>One input of the cost comparison, shown in the report so the reader can judge and override it.</summary>
/// <param name="Name">What it is, e.g. "hardware price per hour".</param>
/// <param name="Value">The value as shown, with its unit.</param>
/// <param name="Source">"measured", "config" (with its key), or "price table".</param>
public sealed record CostAssumption(string Name, string Value, string Source);
