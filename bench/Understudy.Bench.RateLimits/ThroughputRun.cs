using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Understudy.Bench.RateLimits;

/// <summary>N workers calling one client back to back; counts the calls that complete inside a time window.</summary>
internal static class ThroughputRun
{
    /// <summary>Calls per minute completed inside [warmUp, warmUp + window).</summary>
    public static async Task<double> MeasureAsync(IChatClient client, int workers, TimeSpan warmUp, TimeSpan window)
    {
        var clock = Stopwatch.StartNew();
        var end = warmUp + window;
        var counted = 0;
        using var stop = new CancellationTokenSource(end + TimeSpan.FromSeconds(30));

        async Task WorkAsync(int worker)
        {
            for (var call = 0; clock.Elapsed < end; call++)
            {
                await client.GetResponseAsync($"worker {worker} call {call}", cancellationToken: stop.Token);
                var done = clock.Elapsed;
                if (done >= warmUp && done < end)
                {
                    Interlocked.Increment(ref counted);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w))));
        return counted / window.TotalMinutes;
    }
}
