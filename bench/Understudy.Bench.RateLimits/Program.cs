using System.Globalization;
using Understudy.Bench.RateLimits;
using Understudy.Llm.Accounting;
using Understudy.Llm.Providers;
using Understudy.Testing;

// Achieved requests/min through Understudy's service pipeline (OpenAI SDK → HTTP → fixture server with a fixed
// latency) against a requests-per-minute quota, for several worker counts. Expected = min(quota, workers × 60 s / latency).
// Each worker count is also run without a quota, as the same-run baseline of what the fixture and the machine allow.
var settings = BenchSettings.Parse(args);
await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Text("ok").After(settings.Latency));
var culture = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(culture,
    $"Quota {settings.RequestsPerMinute} RPM, fixture latency {settings.Latency.TotalMilliseconds} ms, window {settings.Window.TotalSeconds} s after {settings.WarmUp.TotalSeconds} s warm-up."));

// Warm the JIT, the HTTP connection pool and the server before anything is measured.
using (var warm = new ServiceChatClientFactory(new ApiKeyResolver(_ => null)).Create(server.ServiceOptions()))
{
    await ThroughputRun.MeasureAsync(warm, 8, TimeSpan.Zero, TimeSpan.FromSeconds(3));
}

Console.WriteLine();
Console.WriteLine("| workers | expected rpm | achieved rpm | achieved / expected | unlimited baseline rpm | achieved / min(quota, baseline) | retries |");
Console.WriteLine("|--------:|-------------:|-------------:|--------------------:|-----------------------:|--------------------------------:|--------:|");

foreach (var workers in settings.Workers)
{
    var options = server.ServiceOptions("gpt-4o-mini") with { MaxRetries = 0 };

    var ledger = new UsageLedger();
    using var limited = new ServiceChatClientFactory(new ApiKeyResolver(_ => null))
        .Create(options with { RateLimitPerMinute = settings.RequestsPerMinute }, "bench", ledger);
    var achieved = await ThroughputRun.MeasureAsync(limited, workers, settings.WarmUp, settings.Window);

    using var unlimited = new ServiceChatClientFactory(new ApiKeyResolver(_ => null)).Create(options, "bench");
    var baseline = await ThroughputRun.MeasureAsync(unlimited, workers, TimeSpan.FromSeconds(1), settings.BaselineWindow);

    var expected = Math.Min(settings.RequestsPerMinute, workers * 60.0 / settings.Latency.TotalSeconds);
    Console.WriteLine(string.Create(culture,
        $"| {workers,7} | {expected,12:0} | {achieved,12:0.0} | {achieved / expected,19:0.000} | {baseline,22:0.0} | {achieved / Math.Min(settings.RequestsPerMinute, baseline),31:0.000} | {ledger.Snapshot().Retries,7} |"));
}
