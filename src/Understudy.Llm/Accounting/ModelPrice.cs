namespace Understudy.Llm.Accounting;

/// <summary>A model's list price in US dollars per million tokens.</summary>
/// <param name="InputPerMillion">Price of one million input (prompt) tokens.</param>
/// <param name="OutputPerMillion">Price of one million output (completion) tokens.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>The cost of a call with these token counts.</summary>
    public decimal Cost(long inputTokens, long outputTokens) =>
        (inputTokens * InputPerMillion + outputTokens * OutputPerMillion) / 1_000_000m;
}
