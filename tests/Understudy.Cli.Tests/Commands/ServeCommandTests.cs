using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Understudy.Cli.Commands;
using Understudy.Cli.Commands.Serving;
using Understudy.Cli.Hosting;

namespace Understudy.Cli.Tests.Commands;

public partial class ServeCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(System.CommandLine.Command command, TextWriter? output, CancellationToken cancellationToken, params string[] args)
    {
        var root = UnderstudyRootCommand.Create();
        root.Subcommands.Add(command);
        output ??= new StringWriter();
        var error = new StringWriter();
        int code = await CliRunner.RunAsync(root, args, output, error, cancellationToken);
        return (code, output.ToString()!, error.ToString());
    }

    [Fact]
    public async Task No_auth_off_loopback_is_refused_before_the_model_loads()
    {
        var (code, _, error) = await RunAsync(ServeCommand.Create(), null, TestContext.Current.CancellationToken,
            "serve", "--model", "not-a-folder", "--no-auth", "--host", "0.0.0.0");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--no-auth is allowed only on a loopback address", error);
    }

    [Fact]
    public async Task Serving_without_keys_or_no_auth_is_refused()
    {
        var (code, _, error) = await RunAsync(ServeCommand.Create(), null, TestContext.Current.CancellationToken, "serve", "--model", "not-a-folder");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("API keys are required", error);
    }

    [Fact]
    public async Task Hash_key_prints_the_sha256_line_of_the_key_on_stdin()
    {
        var (code, output, _) = await RunAsync(HashKeyCommand.Create(new StringReader("hello\n")), null, TestContext.Current.CancellationToken, "hash-key");

        Assert.Equal(0, code);
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", output.Trim());
    }

    [Fact]
    public async Task Serve_answers_completions_with_the_real_model_until_cancelled()
    {
        string? models = Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS");
        if (string.IsNullOrEmpty(models)) Assert.Skip("UNDERSTUDY_TEST_MODELS is not set; real-model tests are skipped.");
        string keyFile = Path.Combine(Path.GetTempPath(), $"understudy-serve-keys-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(keyFile, Understudy.Server.Security.ApiKeyStore.Hash("sk-cli") + "\n", TestContext.Current.CancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var output = new StringWriter();
        try
        {
            var serving = RunAsync(ServeCommand.Create(), output, stop.Token,
                "serve", "--model", Path.Combine(models, "stories260K-hf"), "--port", "0", "--api-key-file", keyFile, "--quiet");
            Match url;
            while (!(url = BaseUrl().Match(output.ToString())).Success)
            {
                if (serving.IsCompleted) Assert.Fail("serve exited early: " + (await serving).Error);
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", "sk-cli");
            var response = await http.PostAsJsonAsync(url.Groups[1].Value + "/completions",
                new { model = "stories260K-hf", prompt = "Once upon a time", max_tokens = 20, temperature = 0 }, TestContext.Current.CancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

            Assert.StartsWith(", there was a little girl named Lily.", body.RootElement.GetProperty("choices")[0].GetProperty("text").GetString());
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Success, (await serving).Code);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [GeneratedRegex(@"Serving \S+ at (http://\S+/v1)")]
    private static partial Regex BaseUrl();
}
