using Understudy.Engine.Adapters;
using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Generation;
using Understudy.Engine.Models;
using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Inference;

/// <summary>
/// A loaded model folder: the network, its tokenizer and its recommended generation settings. Owns the network;
/// <see cref="LocalChatClient"/> and <see cref="LocalEmbeddingGenerator"/> run on it.
/// </summary>
public sealed class LocalModel : IDisposable
{
    /// <summary>Wraps already-loaded parts (the model is owned from here on).</summary>
    public LocalModel(string id, CausalLanguageModel model, ITokenizer tokenizer, GenerationOptions defaults)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(defaults);
        Id = id;
        Model = model;
        Tokenizer = tokenizer;
        DefaultOptions = defaults;
        Tokens = new TokenGenerator(model);
        Text = new TextGenerator(Tokens, tokenizer);
    }

    /// <summary>The model id reported to callers.</summary>
    public string Id { get; }

    /// <summary>The network.</summary>
    public CausalLanguageModel Model { get; }

    /// <summary>The tokenizer.</summary>
    public ITokenizer Tokenizer { get; }

    /// <summary>generation_config.json's settings with every EOS id of the configs and tokenizer.</summary>
    public GenerationOptions DefaultOptions { get; }

    /// <summary>The model's chat template bound to its tokenizer, or null for a base model without one.</summary>
    public ChatPromptFormatter? ChatFormatter { get; init; }

    /// <summary>Token-level generation.</summary>
    public TokenGenerator Tokens { get; }

    /// <summary>Text-level generation.</summary>
    public TextGenerator Text { get; }

    /// <summary>Serialises work on the network (generation batches, embedding batches).</summary>
    internal object ComputeLock { get; } = new();

    /// <summary>Loads a model folder (config.json, safetensors, tokenizer.json, generation_config.json).</summary>
    public static LocalModel Load(string folder, LocalModelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        options ??= new LocalModelOptions();
        ITokenizer tokenizer = options.TokenizerLoader(folder);
        ChatPromptFormatter? chat = tokenizer is HfTokenizer hf && hf.Config.ChatTemplates.Count > 0 ? ChatPromptFormatter.FromTokenizer(hf) : null;
        CausalLanguageModel model = CausalLanguageModels.Load(folder, options.ToModelLoadOptions());
        if (options.AdapterPath is { } adapterPath) MergeAdapter(model, adapterPath);
        var eos = (model.Config.EosTokenId ?? []).Union(tokenizer.EosTokenIds).Union(chat?.StopTokenIds ?? []).ToArray();
        var defaults = GenerationConfigFile.Apply(Path.Combine(folder, GenerationConfigFile.FileName), new GenerationOptions { EosTokenIds = eos });
        string id = options.ModelId ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        return new LocalModel(id, model, tokenizer, defaults) { ChatFormatter = chat };
    }

    private static void MergeAdapter(CausalLanguageModel model, string adapterPath)
    {
        try
        {
            using var adapter = PeftAdapter.Load(adapterPath);
            using var attached = adapter.AttachTo(model);
            attached.MergeIntoBase();
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
