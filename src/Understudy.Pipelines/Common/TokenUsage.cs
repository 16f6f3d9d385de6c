using Microsoft.Extensions.AI;

namespace Understudy.Pipelines.Common;

/// <summary>Thread-safe running totals of the tokens a run spent, fed from each response's <see cref="UsageDetails"/>.</summary>
public sealed class TokenUsage
{
    private long _inputTokens;
    private long _outputTokens;
    private long _calls;

    public long InputTokens => Interlocked.Read(ref _inputTokens);

    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    /// <summary>Model calls that returned a response (transport failures are not counted).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Adds one response's usage; a provider that reports none adds zero tokens.</summary>
    public void Add(UsageDetails? usage)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _inputTokens, usage?.InputTokenCount ?? 0);
        Interlocked.Add(ref _outputTokens, usage?.OutputTokenCount ?? 0);
    }
}
