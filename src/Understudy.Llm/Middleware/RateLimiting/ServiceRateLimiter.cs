namespace Understudy.Llm.Middleware.RateLimiting;

/// <summary>
/// Enforces a provider quota with two token buckets, one for requests per minute and one for tokens per minute.
/// A request is charged its estimated tokens up front and reconciled with its real usage afterwards. One limiter
/// may be shared by every client that spends the same quota (same provider account and model).
/// </summary>
public sealed class ServiceRateLimiter : IDisposable
{
    private readonly TokenBucket? _requests;
    private readonly TokenBucket? _tokens;

    public ServiceRateLimiter(RateLimitOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.RequestsPerMinute, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.TokensPerMinute, nameof(options));
        Options = options;
        var burstShare = options.BurstWindow.TotalMinutes;
        if (options.RequestsPerMinute > 0)
        {
            _requests = new TokenBucket(Math.Max(1, options.RequestsPerMinute * burstShare), options.RequestsPerMinute / 60.0, timeProvider);
        }

        if (options.TokensPerMinute > 0)
        {
            _tokens = new TokenBucket(Math.Max(1, options.TokensPerMinute * burstShare), options.TokensPerMinute / 60.0, timeProvider);
        }
    }

    public RateLimitOptions Options { get; }

    /// <summary>Waits for a request slot and <paramref name="estimatedTokens"/> tokens of quota.</summary>
    public async ValueTask AcquireAsync(long estimatedTokens, CancellationToken cancellationToken = default)
    {
        if (_tokens is not null)
        {
            await _tokens.AcquireAsync(Math.Max(0, estimatedTokens), cancellationToken);
        }

        if (_requests is not null)
        {
            await _requests.AcquireAsync(1, cancellationToken);
        }
    }

    /// <summary>Corrects the token charge of one request once its real usage is known.</summary>
    public void Reconcile(long estimatedTokens, long actualTokens) => _tokens?.Adjust(estimatedTokens - actualTokens);

    public void Dispose()
    {
        _requests?.Dispose();
        _tokens?.Dispose();
    }
}
