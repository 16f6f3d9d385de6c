using System.Diagnostics;
using System.Text.RegularExpressions;
using Understudy.Pipelines.Reporting;

namespace Understudy.Pipelines.Tests.Reporting;

/// <summary>
/// The report as a browser renders it: headless Chromium loads the file (no network) and dumps the DOM and a
/// screenshot. Skipped when no chromium is installed (scripts/install-test-deps installs it).
/// </summary>
public sealed class ChromiumRenderingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("understudy-chromium-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Headless_chromium_renders_the_charts_and_tables_and_runs_no_script()
    {
        string chromium = FindChromium() ?? throw SkipException();
        string report = Path.Combine(_folder, "report.html");
        HtmlReportWriter.Write(ReportSamples.Full(), report);

        string dom = await RunAsync(chromium, "--dump-dom", new Uri(report).AbsoluteUri);

        Assert.Equal(ReportSamples.FullChartCount, Regex.Count(dom, "<svg"));
        Assert.True(Regex.Count(dom, "<table") >= 8, "tables missing from the rendered DOM");
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<title>Understudy run duo-20261123-101500</title>", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headless_chromium_takes_a_screenshot_of_the_report()
    {
        string chromium = FindChromium() ?? throw SkipException();
        string report = Path.Combine(_folder, "report.html");
        string png = Path.Combine(_folder, "report.png");
        HtmlReportWriter.Write(ReportSamples.Full(), report);

        await RunAsync(chromium, $"--screenshot={png}", "--window-size=1400,2400", new Uri(report).AbsoluteUri);

        byte[] image = await File.ReadAllBytesAsync(png, TestContext.Current.CancellationToken);
        if (Environment.GetEnvironmentVariable("UNDERSTUDY_REPORT_SCREENSHOT") is { Length: > 0 } keep)
        {
            File.Copy(png, keep, overwrite: true);
            File.Copy(report, Path.ChangeExtension(keep, ".html"), overwrite: true);
        }
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Take(4));
        Assert.True(image.Length > 50_000, $"a {image.Length}-byte screenshot is too small to hold the charts");
    }

    private static Exception SkipException()
    {
        Assert.Skip("chromium is not installed (run scripts/install-test-deps); the HTML report rendering test is skipped.");
        return new UnreachableException();
    }

    private static string? FindChromium() =>
        new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    private async Task<string> RunAsync(string chromium, params string[] arguments)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Headless, offline: no sandbox (tests may run as root), no GPU, and none of the background network services.
        foreach (string argument in new[]
                 {
                     "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--no-default-browser-check",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                     "--disable-dev-shm-usage", $"--user-data-dir={Path.Combine(_folder, "profile")}",
                 }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {chromium}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await errors}");
        return await output;
    }
}
