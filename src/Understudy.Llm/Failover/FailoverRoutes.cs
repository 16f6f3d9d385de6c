namespace Understudy.Llm.Failover;

/// <summary>The values of the <c>understudy.route</c> property and metric tag: which client answered.</summary>
public static class FailoverRoutes
{
    /// <summary>The service LLM answered.</summary>
    public const string Primary = "primary";

    /// <summary>The understudy answered.</summary>
    public const string Fallback = "fallback";

    /// <summary>The key of the route in <c>ChatResponse.AdditionalProperties</c> and <c>ChatResponseUpdate.AdditionalProperties</c>.</summary>
    public const string PropertyName = "understudy.route";
}
