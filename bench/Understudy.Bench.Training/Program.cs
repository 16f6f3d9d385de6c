using System.Diagnostics;
using System.Globalization;
using Understudy.Bench.Training;

// LoRA training throughput and peak memory at SmolLM2-135M's real config with random weights. Each case runs in its
// own process so its peak RSS is its own; figures are ratios against plain LoRA fp32 at the same length, same run.
// usage: dotnet run -c Release --project bench/Understudy.Bench.Training [-- --steps 3 --lengths 128,512]
string? models = Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS");
if (string.IsNullOrEmpty(models))
{
    Console.Error.WriteLine("Set UNDERSTUDY_TEST_MODELS to the shared models folder (it holds smollm2-135m-instruct-meta/config.json).");
    return 2;
}
string configPath = Path.Combine(models, "smollm2-135m-instruct-meta", "config.json");
int steps = Argument("--steps", 3);
int[] lengths = (ArgumentText("--lengths") ?? "128,512").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();

if (ArgumentText("--case") is { } caseName)
{
    var single = TrainingCase.All(lengths).Single(c => c.Name == caseName);
    double rate = single.Run(configPath, steps);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {rate:F2} {Process.GetCurrentProcess().PeakWorkingSet64}"));
    return 0;
}

Console.WriteLine($"LoRA r=16 (q,k,v,o), batch 1, {steps} timed steps after 1 warm-up, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
Console.WriteLine($"{"case",-38} {"tokens/s",10} {"peak RSS MiB",13} {"speed ×",8} {"memory ×",9}");
foreach (int length in lengths)
{
    (double Rate, long Peak)? baseline = null;
    foreach (var item in TrainingCase.All([length]))
    {
        var (rate, peak) = RunChild(item.Name, length);
        baseline ??= (rate, peak);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{item.Name,-38} {rate,10:F1} {peak / 1048576.0,13:F0} {rate / baseline.Value.Rate,8:F2} {(double)peak / baseline.Value.Peak,9:F2}"));
    }
}
Console.WriteLine($"load average after: {LoadAverage()}");
return 0;

(double Rate, long Peak) RunChild(string name, int length)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
    foreach (string arg in new[] { "--case", name, "--steps", steps.ToString(CultureInfo.InvariantCulture), "--lengths", length.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(arg);
    using var child = Process.Start(start)!;
    string output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    string line = output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
    string[] parts = line.Split(' ');
    return (double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
}

int Argument(string name, int fallback) => ArgumentText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? ArgumentText(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
