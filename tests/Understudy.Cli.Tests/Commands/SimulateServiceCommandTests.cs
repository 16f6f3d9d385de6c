using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Understudy.Cli.Commands;
using Understudy.Cli.Hosting;

namespace Understudy.Cli.Tests.Commands;

public sealed partial class SimulateServiceCommandTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serves_the_simulator_until_cancelled_and_prints_the_base_url()
    {
        var output = new LineWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        Task<int> run = CliRunner.RunAsync(Root(), ["simulate-service", "--port", "0", "--quiet"], output, new StringWriter(), stop.Token);

        Uri baseUrl = await output.BaseUrl.Task.WaitAsync(TimeSpan.FromSeconds(60), Cancel);
        using (var http = new HttpClient())
        {
            using JsonDocument models = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUrl + "/models"), Cancel));
            Assert.Equal("ticket-triage-simulator", models.RootElement.GetProperty("data")[0].GetProperty("id").GetString());
        }
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Success, await run.WaitAsync(TimeSpan.FromSeconds(30), Cancel));
        Assert.Contains("not an LLM", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_example_writes_the_coverage_dataset_and_exits()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("understudy-sim-").FullName, "coverage.jsonl");
        var output = new StringWriter();

        int exitCode = await CliRunner.RunAsync(Root(), ["simulate-service", "--write-example", path, "--rows", "12"], output, new StringWriter(), Cancel);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(12, File.ReadAllLines(path).Length);
        Assert.Contains("Wrote 12", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fail-rate", "1.5", "fail rate")]
    [InlineData("--task", "summarisation", "ticket-triage")]
    public async Task Bad_settings_exit_with_a_usage_error_that_names_them(string flag, string value, string expected)
    {
        var error = new StringWriter();

        int exitCode = await CliRunner.RunAsync(Root(), ["simulate-service", "--port", "0", flag, value], new StringWriter(), error, Cancel);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains(expected, error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static System.CommandLine.RootCommand Root()
    {
        var root = UnderstudyRootCommand.Create();
        root.Subcommands.Add(SimulateServiceCommand.Create());
        return root;
    }

    /// <summary>Collects output written from any thread and completes <see cref="BaseUrl"/> when the URL is printed.</summary>
    private sealed class LineWriter : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();

        public TaskCompletionSource<Uri> BaseUrl { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                _text.Append(value);
                if (value == '\n' && BaseUrlLine().Match(_text.ToString()) is { Success: true } match)
                {
                    BaseUrl.TrySetResult(new Uri(match.Groups["url"].Value));
                }
            }
        }
    }

    [GeneratedRegex(@"Base URL: (?<url>http://\S+)")]
    private static partial Regex BaseUrlLine();
}
