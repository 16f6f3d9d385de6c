using System.CommandLine;
using Understudy.Engine.Scheduling;
using Understudy.Server.Hosting;
using Understudy.Server.Requests;
using Understudy.Server.Security;

namespace Understudy.Cli.Commands.Serving;

/// <summary>The flags of <c>understudy serve</c> besides the model's, and the <see cref="ServerOptions"/> they make.</summary>
internal sealed class ServeFlags
{
    private static readonly ServerOptions Defaults = new();
    private static readonly RequestLimits LimitDefaults = new();

    public Option<string> Host { get; } = new("--host") { Description = "Address to bind (127.0.0.1, ::1, 0.0.0.0, an interface address)", DefaultValueFactory = _ => Defaults.Host };

    public Option<int> Port { get; } = new("--port") { Description = "TCP port (0 = any free port)", DefaultValueFactory = _ => ServerOptions.DefaultPort };

    public Option<string?> ApiKeyFile { get; } = new("--api-key-file")
    {
        Description = "File of accepted API keys, one per line: the key or sha256:<hex> (see `understudy serve hash-key`)",
        HelpName = "file",
    };

    public Option<bool> NoAuth { get; } = new("--no-auth") { Description = "Accept requests without an API key (only allowed on a loopback --host)" };

    public Option<string?> ServedModelName { get; } = new("--served-model-name") { Description = "The model id clients send (default: the folder name or Hub id)", HelpName = "id" };

    public Option<int> MaxBatchSize { get; } = new("--max-batch-size")
    {
        Description = "Most sequences in the running batch (continuous batching)",
        DefaultValueFactory = _ => new SchedulerOptions().MaxBatchSize,
    };

    public Option<int> PrefillChunk { get; } = new("--prefill-chunk-tokens")
    {
        Description = "Most prompt tokens prefilled between two decode steps",
        DefaultValueFactory = _ => new SchedulerOptions().PrefillChunkTokens,
    };

    public Option<int> MaxConcurrent { get; } = new("--max-concurrent")
    {
        Description = "Most requests in the engine at once (running or waiting in its scheduler)",
        DefaultValueFactory = _ => Defaults.MaxConcurrentRequests,
    };

    public Option<int> MaxQueued { get; } = new("--max-queued")
    {
        Description = "Most requests waiting for the engine (and sequences in its queue); beyond this 429 with Retry-After",
        DefaultValueFactory = _ => Defaults.MaxQueuedRequests,
    };

    public Option<int> MaxTokens { get; } = new("--max-tokens") { Description = "Largest max_tokens a request may ask for", DefaultValueFactory = _ => LimitDefaults.MaxTokens };

    public Option<long> MaxRequestBytes { get; } = new("--max-request-bytes") { Description = "Largest request body (413 beyond)", DefaultValueFactory = _ => LimitDefaults.MaxRequestBytes };

    public Option<int> RetryAfter { get; } = new("--retry-after") { Description = "Retry-After seconds sent with a 429", DefaultValueFactory = _ => Defaults.RetryAfterSeconds };

    public Option<bool> LogPrompts { get; } = new("--log-prompts") { Description = "Write prompt and completion text into the request log (off by default)" };

    public Option<bool> Quiet { get; } = new("--quiet") { Description = "Do not print a line per request" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Host, Port, ApiKeyFile, NoAuth, ServedModelName, MaxBatchSize, PrefillChunk, MaxConcurrent, MaxQueued, MaxTokens, MaxRequestBytes, RetryAfter, LogPrompts, Quiet })
            command.Options.Add(option);
    }

    /// <summary>The continuous-batching settings of the engine.</summary>
    public SchedulerOptions ToSchedulerOptions(ParseResult parseResult) => new()
    {
        MaxBatchSize = parseResult.GetValue(MaxBatchSize),
        MaxQueued = Math.Max(1, parseResult.GetValue(MaxQueued)),
        PrefillChunkTokens = parseResult.GetValue(PrefillChunk),
    };

    /// <summary>The server options; reads the key file (errors name the file and line).</summary>
    public ServerOptions ToServerOptions(ParseResult parseResult, Action<string> log)
    {
        ToSchedulerOptions(parseResult).Validate();
        bool noAuth = parseResult.GetValue(NoAuth);
        string? keyFile = parseResult.GetValue(ApiKeyFile);
        if (noAuth && keyFile is not null) throw new ArgumentException("Pass either --api-key-file or --no-auth, not both.");
        return new ServerOptions
        {
            Host = parseResult.GetValue(Host)!,
            Port = parseResult.GetValue(Port),
            ApiKeys = keyFile is null ? null : ApiKeyStore.Load(keyFile),
            NoAuth = noAuth,
            MaxConcurrentRequests = parseResult.GetValue(MaxConcurrent),
            MaxQueuedRequests = parseResult.GetValue(MaxQueued),
            RetryAfterSeconds = parseResult.GetValue(RetryAfter),
            LogPrompts = parseResult.GetValue(LogPrompts),
            Limits = new RequestLimits { MaxTokens = parseResult.GetValue(MaxTokens), MaxRequestBytes = parseResult.GetValue(MaxRequestBytes) },
            Log = parseResult.GetValue(Quiet) ? null : log,
        };
    }
}
