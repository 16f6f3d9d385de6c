using System.ClientModel;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using OpenAI;
using Understudy.Engine.Inference;
using Understudy.Engine.Tests.Support;
using Understudy.Server.Hosting;
using Understudy.Server.Security;

namespace Understudy.Server.Tests.Support;

/// <summary>
/// A real <see cref="UnderstudyServer"/> on 127.0.0.1 (port 0) over the tiny random Llama (or a given
/// <see cref="ServedModel"/>), with one API key, a captured log and clients pointed at it.
/// </summary>
public sealed class ServerHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-test-understudy";
    public const string ModelId = "tiny-llama";

    private readonly LocalModel? _model;
    private readonly ConcurrentQueue<string> _log;
    private readonly ConcurrentQueue<string> _prompts;

    private ServerHarness(UnderstudyServer server, ServedModel served, LocalModel? model, ConcurrentQueue<string> log, ConcurrentQueue<string> prompts)
    {
        Server = server;
        Served = served;
        _model = model;
        _log = log;
        _prompts = prompts;
        Http = new HttpClient { BaseAddress = new Uri(server.BaseUrl.GetLeftPart(UriPartial.Authority)) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
    }

    public UnderstudyServer Server { get; }

    public ServedModel Served { get; }

    /// <summary>The tiny model, when the harness serves it.</summary>
    public LocalModel Model => _model ?? throw new InvalidOperationException("This harness serves a fake, not the tiny model.");

    /// <summary>Prompts the chat client rendered (the stand-in chat template records them).</summary>
    public IReadOnlyList<string> RenderedPrompts => [.. _prompts];

    /// <summary>Request log lines so far.</summary>
    public IReadOnlyList<string> LogLines => [.. _log];

    /// <summary>A client with the API key, addressed at the server root (paths start with /v1, /health, /metrics).</summary>
    public HttpClient Http { get; }

    /// <summary>Serves the tiny random Llama with the character tokenizer.</summary>
    /// <param name="decorateChat">Wraps the tiny model's chat client (gateway mode: a failover client in front of it).</param>
    public static Task<ServerHarness> StartTinyAsync(Func<ServerOptions, ServerOptions>? configure = null, int maxNewTokens = 16,
        Func<Microsoft.Extensions.AI.IChatClient, Microsoft.Extensions.AI.IChatClient>? decorateChat = null)
    {
        var model = TinyLocalModels.Create(maxNewTokens);
        var prompts = new ConcurrentQueue<string>();
        var served = ServedModel.FromLocalModel(model, chatOptions: new LocalChatClientOptions
        {
            PromptFormatter = messages =>
            {
                string prompt = TinyLocalModels.Format(messages);
                prompts.Enqueue(prompt);
                return prompt;
            },
            AddSpecialTokens = true,
        }, decorateChat: decorateChat);
        return StartAsync(served, configure, model, prompts);
    }

    /// <summary>Serves <paramref name="served"/> (owned from here on).</summary>
    public static async Task<ServerHarness> StartAsync(ServedModel served, Func<ServerOptions, ServerOptions>? configure = null,
        LocalModel? model = null, ConcurrentQueue<string>? prompts = null)
    {
        var log = new ConcurrentQueue<string>();
        var options = new ServerOptions { Port = 0, ApiKeys = new ApiKeyStore([ApiKey]), Log = log.Enqueue };
        options = configure?.Invoke(options) ?? options;
        var server = await UnderstudyServer.StartAsync(served, options, TestContext.Current.CancellationToken);
        return new ServerHarness(server, served, model, log, prompts ?? new());
    }

    /// <summary>The official OpenAI SDK client, changed only in its endpoint.</summary>
    public OpenAIClient OpenAi(string apiKey = ApiKey) =>
        new(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = Server.BaseUrl, NetworkTimeout = TimeSpan.FromMinutes(2) });

    /// <summary>The <c>/metrics</c> text.</summary>
    public Task<string> MetricsAsync() => Http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Served.Dispose();
        _model?.Dispose();
    }
}
