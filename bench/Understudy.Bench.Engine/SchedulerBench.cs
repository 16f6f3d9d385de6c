using System.Diagnostics;
using Understudy.Engine.Generation;
using Understudy.Engine.Inference;
using Understudy.Engine.Scheduling;

namespace Understudy.Bench.Engine;

/// <summary>
/// Aggregate decode tokens/s of the continuous-batching scheduler with N concurrent greedy sequences, as ratios against
/// one sequence in the same run, next to the static-batch <see cref="TokenGenerator"/> at the same batch size (so the
/// scheduler's own cost shows as scheduler ÷ static).
/// </summary>
internal static class SchedulerBench
{
    public static async Task RunAsync(LocalModel model, int[] concurrencies, int decodeTokens, int promptTokens, int repeats)
    {
        var options = new SchedulerOptions { MaxBatchSize = concurrencies.Max(), MaxQueued = concurrencies.Max() };
        await using var scheduler = new ContinuousBatchScheduler(model, options);
        var random = new Random(5);
        int vocab = model.Model.Config.VocabSize;
        int[] Prompt() => [1, .. Enumerable.Range(0, promptTokens - 1).Select(_ => random.Next(3, vocab))];
        var generation = new GenerationOptions { MaxNewTokens = decodeTokens };

        await DecodeRate(scheduler, 2, Prompt, generation with { MaxNewTokens = 4 });            // warm-up
        Console.WriteLine($"scheduler: max_batch_size {options.MaxBatchSize}, prompts of {promptTokens} tokens, {decodeTokens} new tokens each, best of {repeats}");
        Rate? single = null, singleStatic = null;
        foreach (int concurrency in concurrencies)
        {
            Rate rate = default, staticRate = default;
            for (int r = 0; r < repeats; r++)
            {
                rate = Rate.Best(rate, await DecodeRate(scheduler, concurrency, Prompt, generation));
                staticRate = Rate.Best(staticRate, StaticDecodeRate(model, concurrency, Prompt, generation));
            }
            single ??= rate;
            singleStatic ??= staticRate;
            Console.WriteLine($"  {concurrency,2} concurrent: {rate.PerSecond,7:F1} tok/s = {rate.PerSecond / single.Value.PerSecond,5:F2}x one sequence " +
                $"({rate.PerCpuSecond / single.Value.PerCpuSecond:F2}x per CPU-second) | static batch {staticRate.PerSecond,7:F1} tok/s = " +
                $"{staticRate.PerSecond / singleStatic.Value.PerSecond,5:F2}x ({staticRate.PerCpuSecond / singleStatic.Value.PerCpuSecond:F2}x per CPU-s); " +
                $"scheduler/static {rate.PerSecond / staticRate.PerSecond:F2} ({rate.PerCpuSecond / staticRate.PerCpuSecond:F2} per CPU-s)");
        }
        var metrics = scheduler.Metrics;
        Console.WriteLine($"  scheduler counters: {metrics.RequestsCompleted} sequences, {metrics.GeneratedTokens} tokens, {metrics.DecodeSteps} decode steps, " +
            $"{metrics.PrefillChunks} prefill chunks, mean TTFT {metrics.MeanTimeToFirstToken?.TotalMilliseconds:F0} ms, mean TPOT {metrics.MeanTimePerOutputToken?.TotalMilliseconds:F1} ms");
    }

    /// <summary>
    /// Tokens/s from the moment every sequence has its first token (prefill over) until all are done, per wall-clock
    /// second and per second of this process's CPU time (steadier on a machine shared with other work).
    /// </summary>
    private static async Task<Rate> DecodeRate(ContinuousBatchScheduler scheduler, int concurrency, Func<int[]> prompt, GenerationOptions generation)
    {
        var requests = Enumerable.Range(0, concurrency).Select(_ => new SequenceRequest(prompt(), generation)).ToArray();
        var decodeStart = new DecodeStart(concurrency);
        var stamps = await Task.WhenAll(requests.Select(r => Timestamps(scheduler.GenerateAsync(r), decodeStart)));
        long end = stamps.Max(s => s[^1]);
        TimeSpan cpuEnd = Process.GetCurrentProcess().TotalProcessorTime;
        int tokens = stamps.Sum(s => s.Count(t => t > decodeStart.Timestamp));
        return new Rate(tokens / Stopwatch.GetElapsedTime(decodeStart.Timestamp, end).TotalSeconds, tokens / (cpuEnd - decodeStart.CpuTime).TotalSeconds);
    }

    private static async Task<List<long>> Timestamps(IAsyncEnumerable<GeneratedToken> stream, DecodeStart decodeStart)
    {
        var stamps = new List<long>();
        await foreach (var token in stream)
        {
            if (token.TokenId is null) continue;
            stamps.Add(Stopwatch.GetTimestamp());
            if (stamps.Count == 1) decodeStart.FirstTokenArrived();
        }
        return stamps;
    }

    /// <summary>The instant (wall clock and process CPU time) the last sequence of a run got its first token.</summary>
    private sealed class DecodeStart(int sequences)
    {
        private int _waiting = sequences;

        public long Timestamp { get; private set; }

        public TimeSpan CpuTime { get; private set; }

        public void FirstTokenArrived()
        {
            if (Interlocked.Decrement(ref _waiting) != 0) return;
            Timestamp = Stopwatch.GetTimestamp();
            CpuTime = Process.GetCurrentProcess().TotalProcessorTime;
        }
    }

    /// <summary>The same work through the static batch generator: (whole run − prefill-only run) per decoded token.</summary>
    private static Rate StaticDecodeRate(LocalModel model, int batch, Func<int[]> prompt, GenerationOptions generation)
    {
        (double Wall, double Cpu) Time(int newTokens)
        {
            var requests = Enumerable.Range(0, batch).Select(_ => new TokenGenerationRequest(prompt(), generation with { MaxNewTokens = newTokens })).ToArray();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            model.Tokens.Generate(requests);
            return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }
        var prefill = Time(1);
        var total = Time(generation.MaxNewTokens);
        int tokens = batch * (generation.MaxNewTokens - 1);
        return new Rate(tokens / (total.Wall - prefill.Wall), tokens / (total.Cpu - prefill.Cpu));
    }

    private readonly record struct Rate(double PerSecond, double PerCpuSecond)
    {
        public static Rate Best(Rate a, Rate b) => new(Math.Max(a.PerSecond, b.PerSecond), Math.Max(a.PerCpuSecond, b.PerCpuSecond));
    }
}
