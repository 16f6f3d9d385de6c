namespace Understudy.Pipelines.Costs;

/// <summary>A number the cost comparison needs was neither measured nor configured; the message names the key to set.</summary>
public sealed class CostEstimateException(string message) : Exception(message);
