using System.Globalization;

namespace Understudy.Bench.RateLimits;

/// <summary>The benchmark's knobs, from <c>--name value</c> arguments.</summary>
internal sealed record BenchSettings
{
    public int RequestsPerMinute { get; init; } = 600;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The measured window of each limited run.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Time before the window opens: lets the bucket's initial burst pass so the window sees the steady rate.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The measured window of each unlimited baseline run.</summary>
    public TimeSpan BaselineWindow { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<int> Workers { get; init; } = [1, 4, 16, 64];

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--rpm" => settings with { RequestsPerMinute = int.Parse(value, CultureInfo.InvariantCulture) },
                "--latency-ms" => settings with { Latency = TimeSpan.FromMilliseconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--seconds" => settings with { Window = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--baseline-seconds" => settings with { BaselineWindow = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--workers" => settings with { Workers = value.Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList() },
                _ => throw new ArgumentException(
                    $"Unknown argument '{args[i]}'. Use --rpm N, --latency-ms N, --seconds N, --baseline-seconds N, --workers 1,4,16,64."),
            };
        }

        return settings;
    }
}
