namespace Understudy.Pipelines.Costs;

/// <summary>Measured service usage of one (role, model) pair and its price.</summary>
/// <param name="InputPricePerMillion">USD per million input tokens; null when no price is known (cost counted as 0).</param>
public sealed record RoleCost(
    string Role,
    string Model,
    long Requests,
    long InputTokens,
    long OutputTokens,
    decimal? InputPricePerMillion,
    decimal? OutputPricePerMillion,
    decimal CostUsd);
