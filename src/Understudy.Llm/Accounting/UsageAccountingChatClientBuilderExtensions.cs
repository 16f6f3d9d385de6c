using Microsoft.Extensions.AI;

namespace Understudy.Llm.Accounting;

/// <summary>Adds <see cref="UsageAccountingChatClient"/> to a <see cref="ChatClientBuilder"/>.</summary>
public static class UsageAccountingChatClientBuilderExtensions
{
    /// <summary>Records the calls of model role <paramref name="role"/> (tokens, cost, cache hits) in <paramref name="ledger"/>.</summary>
    public static ChatClientBuilder UseUsageAccounting(this ChatClientBuilder builder, UsageLedger ledger, string role)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new UsageAccountingChatClient(inner, ledger, role));
    }
}
