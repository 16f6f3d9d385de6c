using System.ClientModel.Primitives;
using System.Globalization;

namespace Understudy.Llm.Errors;

/// <summary>Reads the wait a server asks for: <c>retry-after-ms</c>, or <c>Retry-After</c> in seconds or as an HTTP-date.</summary>
public static class RetryAfterHeader
{
    /// <summary>The wait asked for by <paramref name="response"/>, if any.</summary>
    public static TimeSpan? From(PipelineResponse? response, TimeProvider? timeProvider = null)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return response.Headers.TryGetValue("Retry-After", out var value) ? Parse(value, timeProvider) : null;
    }

    /// <summary>Parses a <c>Retry-After</c> value: delta-seconds or an HTTP-date (a date in the past means "now").</summary>
    public static TimeSpan? Parse(string? value, TimeProvider? timeProvider = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(value.Trim(), "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - (timeProvider ?? TimeProvider.System).GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
