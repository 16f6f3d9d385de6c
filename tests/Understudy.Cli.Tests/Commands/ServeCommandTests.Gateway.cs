using System.Net.Http.Json;
using System.Text.Json;
using Understudy.Cli.Commands;
using Understudy.Cli.Hosting;
using Understudy.Testing;

namespace Understudy.Cli.Tests.Commands;

/// <summary><c>understudy serve --failover-config FILE</c>: gateway mode in front of a service LLM.</summary>
public partial class ServeCommandTests
{
    private static async Task<(int Code, string Error)> ServeWithFailoverFileAsync(string yaml)
    {
        string file = Path.Combine(Path.GetTempPath(), $"understudy-gateway-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml, TestContext.Current.CancellationToken);
        try
        {
            var (code, _, error) = await RunAsync(ServeCommand.Create(), null, TestContext.Current.CancellationToken,
                "serve", "--model", "not-a-folder", "--no-auth", "--failover-config", file);
            Assert.Contains(file, error);
            return (code, error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_unknown_key_in_the_failover_file_is_refused_before_the_model_loads()
    {
        var (code, error) = await ServeWithFailoverFileAsync("primary_model: gpt-4o-mini\nconsecutive_failurez: 1\n");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("consecutive_failurez", error);
    }

    [Fact]
    public async Task A_failover_section_without_a_primary_model_names_the_key()
    {
        var (code, error) = await ServeWithFailoverFileAsync("failover:\n  consecutive_failures: 1\n");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("primary_model", error);
    }

    [Fact]
    public async Task A_fallback_base_url_is_refused_in_gateway_mode()
    {
        var (code, error) = await ServeWithFailoverFileAsync("primary_model: gpt-4o-mini\nfallback_base_url: http://127.0.0.1:9/v1/\n");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("fallback_base_url", error);
    }

    [Fact]
    public async Task A_missing_failover_file_is_a_usage_error()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"understudy-no-such-{Guid.NewGuid():N}.yaml");
        var (code, _, error) = await RunAsync(ServeCommand.Create(), null, TestContext.Current.CancellationToken,
            "serve", "--model", "not-a-folder", "--no-auth", "--failover-config", missing);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(missing, error);
    }

    [Fact]
    public async Task Gateway_answers_with_the_primary_then_with_the_served_model_once_the_primary_fails()
    {
        string? models = Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS");
        if (string.IsNullOrEmpty(models)) Assert.Skip("UNDERSTUDY_TEST_MODELS is not set; real-model tests are skipped.");
        var ct = TestContext.Current.CancellationToken;
        bool healthy = true;
        await using var primary = await ScriptedOpenAiServer.StartAsync(_ => healthy ? ScriptedReply.Text("from the service") : ScriptedReply.Error(500), cancellationToken: ct);
        Environment.SetEnvironmentVariable("UNDERSTUDY_GATEWAY_TEST_KEY", "sk-primary");
        string file = Path.Combine(Path.GetTempPath(), $"understudy-gateway-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $"""
            failover:
              primary_model: service-model
              primary_base_url: {primary.BaseUrl}
              primary_api_key_env: UNDERSTUDY_GATEWAY_TEST_KEY
              consecutive_failures: 1
              failure_ratio: 0
              break_duration: 1h
            """, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var output = new StringWriter();
        try
        {
            var serving = RunAsync(ServeCommand.Create(), output, stop.Token, "serve", "--model", Path.Combine(models, "stories260K-hf"),
                "--port", "0", "--no-auth", "--quiet", "--failover-config", file);
            System.Text.RegularExpressions.Match url;
            while (!(url = BaseUrl().Match(output.ToString())).Success)
            {
                if (serving.IsCompleted) Assert.Fail("serve exited early: " + (await serving).Error);
                await Task.Delay(50, ct);
            }
            using var http = new HttpClient();
            async Task<(string Route, string Model, string Text)> AskAsync()
            {
                var response = await http.PostAsJsonAsync(url.Groups[1].Value + "/chat/completions", new
                {
                    model = "stories260K-hf",
                    messages = new[] { new { role = "user", content = "Once upon a time" } },
                    max_tokens = 8,
                    temperature = 0,
                }, ct);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                return (response.Headers.GetValues("x-understudy-route").Single(), body.RootElement.GetProperty("model").GetString()!,
                    body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
            }

            var first = await AskAsync();
            healthy = false;
            var second = await AskAsync();
            var third = await AskAsync();

            Assert.Equal(("primary", "service-model", "from the service"), first);
            Assert.Equal("fallback", second.Route);
            Assert.Equal("stories260K-hf", second.Model);
            Assert.NotEqual("from the service", second.Text);
            // The healthy answer, then the failed request and its one retry; the open circuit keeps the third away.
            Assert.Equal(second, third);
            Assert.Equal(3, primary.RequestCount);
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Success, (await serving).Code);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
