using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Understudy.Engine.Hub;
using Understudy.Engine.Inference;
using Understudy.Llm.Observability;

namespace Understudy.Pipelines.BatchInference;

/// <summary>
/// Runs the model under test in-process on the built-in TorchSharp engine when no <c>ft_model_base_url</c> is set:
/// <c>ft_model_id</c> is a local model folder (config.json, safetensors, tokenizer) or a Hub id resolved into the
/// Hugging Face cache. <c>model_sha</c> is <c>ft_model_revision</c> when one is given, else the Hub commit of a
/// cached snapshot, else a hash of the weights and config, so answers from two checkpoints never look alike.
/// With <c>ft_model_adapter</c> the LoRA adapter is merged in at load and <c>model_sha</c> becomes
/// <c>{base sha}+adapter:{hash of the adapter files}</c>.
/// </summary>
public sealed class LocalEngineModelClientResolver : IModelClientResolver
{
    private readonly Func<string, CancellationToken, Task<string>> _resolveFolder;

    /// <param name="resolveFolder">Maps a folder or Hub id to a local folder; defaults to the Hub resolver with the environment's settings.</param>
    public LocalEngineModelClientResolver(Func<string, CancellationToken, Task<string>>? resolveFolder = null)
    {
        _resolveFolder = resolveFolder ?? ((id, ct) => new HubModelResolver(HubOptions.FromEnvironment()).ResolveAsync(id, null, ct));
    }

    /// <inheritdoc />
    public bool CanResolve(BatchInferenceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return string.IsNullOrWhiteSpace(config.FtModelBaseUrl) && !string.IsNullOrWhiteSpace(config.FtModelId);
    }

    /// <inheritdoc />
    public async Task<ModelClient> ResolveAsync(BatchInferenceConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        string folder = await _resolveFolder(config.FtModelId, cancellationToken);
        if (!File.Exists(Path.Combine(folder, "config.json")))
        {
            throw new InvalidOperationException(
                $"ft_model_id '{config.FtModelId}' resolves to '{folder}', which has no config.json: point it at a Hugging Face " +
                "model folder, or set ft_model_base_url to the OpenAI-compatible endpoint that serves the model.");
        }
        string sha = string.IsNullOrWhiteSpace(config.FtModelRevision) || config.FtModelRevision == "main"
            ? SnapshotCommit(folder) ?? await FingerprintAsync(folder, cancellationToken)
            : config.FtModelRevision;
        string? adapter = string.IsNullOrWhiteSpace(config.FtModelAdapter) ? null : config.FtModelAdapter;
        if (adapter is not null)
        {
            if (!Directory.Exists(adapter))
                throw new InvalidOperationException($"ft_model_adapter '{adapter}' is not a folder; point it at a PEFT adapter folder (adapter_config.json + adapter_model.safetensors).");
            sha += "+adapter:" + await FingerprintAsync(adapter, new[] { "adapter_config.json", "adapter_model.safetensors" }.Where(f => File.Exists(Path.Combine(adapter, f))), cancellationToken);
        }
        LocalModel model = LocalModel.Load(folder, new LocalModelOptions { TorchDtype = config.TorchDtype, ModelId = config.FtModelId, AdapterPath = adapter });
        IChatClient client = new OwningLocalChatClient(model).AsBuilder().UseUnderstudyTelemetry().Build();
        return new ModelClient(client, config.FtModelId, sha);
    }

    /// <summary>
    /// The commit of a Hugging Face cache snapshot folder (<c>…/snapshots/&lt;40 hex digits&gt;</c>), which already
    /// names the weights exactly, so hashing gigabytes is not needed; null for any other folder.
    /// </summary>
    public static string? SnapshotCommit(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var directory = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        bool isSnapshot = directory.Parent?.Name == "snapshots"
            && directory.Name.Length == 40 && directory.Name.All(char.IsAsciiHexDigitLower);
        return isSnapshot ? directory.Name : null;
    }

    /// <summary>"sha256:" and the first 16 hex digits of the hash of config.json and every safetensors file, in name order.</summary>
    public static Task<string> FingerprintAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var names = Directory.EnumerateFiles(folder, "*.safetensors").Select(Path.GetFileName).Append("config.json");
        return FingerprintAsync(folder, names!, cancellationToken);
    }

    /// <summary>"sha256:" and the first 16 hex digits of the hash of the named files of <paramref name="folder"/>, in name order.</summary>
    public static async Task<string> FingerprintAsync(string folder, IEnumerable<string> fileNames, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(fileNames);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        IEnumerable<string> files = fileNames.Select(name => Path.Combine(folder, name)).Order(StringComparer.Ordinal);
        byte[] buffer = new byte[1 << 20];
        foreach (string file in files)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
            await using var stream = File.OpenRead(file);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
