using System.Text.Json;
using System.Text.Json.Serialization;

namespace Understudy.Engine.Models;

/// <summary>
/// A causal LM's <c>config.json</c> as a plain data object. Property names follow the Hugging Face keys
/// (snake_case in JSON); keys a family does not use are ignored.
/// </summary>
public sealed record ModelConfig
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The family key: llama, qwen2, qwen3, mistral, gemma, gemma2, phi3.</summary>
    public string ModelType { get; init; } = "";
    public IReadOnlyList<string>? Architectures { get; init; }
    public int HiddenSize { get; init; }
    public int IntermediateSize { get; init; }
    public int NumHiddenLayers { get; init; }
    public int NumAttentionHeads { get; init; }
    /// <summary>Key/value heads for grouped-query attention; defaults to <see cref="NumAttentionHeads"/>.</summary>
    public int? NumKeyValueHeads { get; init; }
    /// <summary>Per-head size; defaults to hidden_size / num_attention_heads.</summary>
    public int? HeadDim { get; init; }
    public int VocabSize { get; init; }
    public int MaxPositionEmbeddings { get; init; } = 2048;
    public double RmsNormEps { get; init; } = 1e-6;
    public double RopeTheta { get; init; } = 10000.0;
    public RopeScalingConfig? RopeScaling { get; init; }
    /// <summary>Fraction of each head that is rotated (Phi-3 variants; 1.0 for the others).</summary>
    public double PartialRotaryFactor { get; init; } = 1.0;
    public string? HiddenAct { get; init; }
    /// <summary>Gemma's name for the MLP activation; takes precedence over <see cref="HiddenAct"/>.</summary>
    public string? HiddenActivation { get; init; }
    public bool AttentionBias { get; init; }
    public bool MlpBias { get; init; }
    /// <summary>Whether lm_head is the embedding table; when absent each family's default applies (true for Gemma).</summary>
    public bool? TieWordEmbeddings { get; init; }
    public int? BosTokenId { get; init; }
    [JsonConverter(typeof(TokenIdListConverter))]
    public IReadOnlyList<int>? EosTokenId { get; init; }
    public int? PadTokenId { get; init; }
    /// <summary>The dtype the checkpoint was saved in (float32, bfloat16, float16).</summary>
    public string? TorchDtype { get; init; }
    /// <summary>Sliding attention window (Mistral, Gemma 2, Qwen2 when enabled).</summary>
    public int? SlidingWindow { get; init; }
    public bool? UseSlidingWindow { get; init; }
    /// <summary>Gemma 2: attention scores are scaled by 1/sqrt(query_pre_attn_scalar).</summary>
    public double? QueryPreAttnScalar { get; init; }
    public double? AttnLogitSoftcapping { get; init; }
    public double? FinalLogitSoftcapping { get; init; }

    /// <summary>
    /// How multi-token passes attend: <c>sdpa</c> (default: libtorch's fused scaled-dot-product attention) or
    /// <c>eager</c> (the explicit softmax(QKᵀ)V). A load-time choice (<see cref="ModelLoadOptions.AttnImplementation"/>),
    /// not read from or written to config.json.
    /// </summary>
    [JsonIgnore]
    public string AttnImplementation { get; init; } = AttentionImplementations.Sdpa;

    /// <summary>The resolved per-head size.</summary>
    [JsonIgnore]
    public int ResolvedHeadDim => HeadDim ?? HiddenSize / NumAttentionHeads;

    /// <summary>The resolved number of key/value heads.</summary>
    [JsonIgnore]
    public int ResolvedKeyValueHeads => NumKeyValueHeads ?? NumAttentionHeads;

    /// <summary>Parses config.json text; <paramref name="source"/> names it in errors.</summary>
    public static ModelConfig Parse(string json, string source)
    {
        ModelConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ModelConfig>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: cannot read model config ({e.Message}).", e);
        }
        if (config is null) throw new InvalidDataException($"{source}: the model config is empty.");
        config.Validate(source);
        return config;
    }

    /// <summary>Loads <c>config.json</c> from a file path.</summary>
    public static ModelConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model config not found: {path}", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Serialises to config.json text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Writes config.json.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson());

    private void Validate(string source)
    {
        void Require(bool ok, string key, string what)
        {
            if (!ok) throw new InvalidDataException($"{source}: '{key}' {what}.");
        }
        Require(!string.IsNullOrEmpty(ModelType), "model_type", "is missing (expected e.g. llama, qwen2, qwen3, mistral, gemma, gemma2, phi3)");
        Require(HiddenSize > 0, "hidden_size", "must be a positive integer");
        Require(IntermediateSize > 0, "intermediate_size", "must be a positive integer");
        Require(NumHiddenLayers > 0, "num_hidden_layers", "must be a positive integer");
        Require(NumAttentionHeads > 0, "num_attention_heads", "must be a positive integer");
        Require(VocabSize > 0, "vocab_size", "must be a positive integer");
        Require(ResolvedKeyValueHeads > 0 && NumAttentionHeads % ResolvedKeyValueHeads == 0,
            "num_key_value_heads", $"({ResolvedKeyValueHeads}) must divide num_attention_heads ({NumAttentionHeads})");
        Require(HeadDim is not null || HiddenSize % NumAttentionHeads == 0,
            "head_dim", "is missing and hidden_size is not a multiple of num_attention_heads");
        Require(ResolvedHeadDim % 2 == 0, "head_dim", "must be even for rotary embeddings");
    }
}
