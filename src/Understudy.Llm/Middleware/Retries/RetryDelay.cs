using Understudy.Llm.Errors;

namespace Understudy.Llm.Middleware.Retries;

/// <summary>The wait before a retry: the server's Retry-After when it gave one, else exponential backoff with full jitter.</summary>
internal static class RetryDelay
{
    public static TimeSpan For(int failedAttempt, ServiceFailure failure, RetryOptions options)
    {
        var random = options.Random ?? Random.Shared;
        var exponent = Math.Min(failedAttempt - 1, 30);
        var cap = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        if (failure.RetryAfter is { } asked)
        {
            // Never earlier than asked; a little jitter on top keeps many workers from returning in one burst.
            var spread = Math.Min(options.BaseDelay.TotalMilliseconds, asked.TotalMilliseconds * 0.1 + 1);
            return asked + TimeSpan.FromMilliseconds(random.NextDouble() * spread);
        }

        return TimeSpan.FromMilliseconds(random.NextDouble() * cap);
    }
}
