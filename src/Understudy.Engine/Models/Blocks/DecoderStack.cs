using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>
/// The transformer body (the checkpoint's <c>model.</c> prefix): <c>embed_tokens</c>, <c>layers.N</c>, <c>norm</c>,
/// plus the non-persistent <c>rotary_emb</c>. Ids [B, T] → final normalised hidden states [B, T, hidden].
/// </summary>
public sealed class DecoderStack : nn.Module<ModelInput, Tensor>
{
    private readonly TokenEmbedding embed_tokens;
    private readonly ModuleList<nn.Module<Tensor, AttentionContext, Tensor>> layers;
    private readonly RmsNorm norm;
    private readonly RotaryEmbedding rotary_emb;
    private readonly double? _embeddingScale;
    private bool? _fusedLayers;

    /// <summary>Assembles the body; <paramref name="createLayer"/> builds layer N.</summary>
    public DecoderStack(ModelConfig config, Func<int, nn.Module<Tensor, AttentionContext, Tensor>> createLayer,
        bool normWeightIsOffsetFromOne, double? embeddingScale, Device device, ScalarType dtype) : base(nameof(DecoderStack))
    {
        embed_tokens = new TokenEmbedding(config.VocabSize, config.HiddenSize, device, dtype);
        layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(createLayer).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, normWeightIsOffsetFromOne, device, dtype);
        int rotaryDim = (int)(config.ResolvedHeadDim * config.PartialRotaryFactor);
        rotary_emb = new RotaryEmbedding(rotaryDim - rotaryDim % 2, config.RopeTheta, config.RopeScaling, device);
        _embeddingScale = embeddingScale;
        RegisterComponents();
    }

    /// <summary>
    /// Runs one decoder layer; null calls the layer directly. Training sets it to recompute activations in backward
    /// (gradient checkpointing, see <c>Understudy.Engine.Training.GradientCheckpointing</c>).
    /// </summary>
    public Func<nn.Module<Tensor, AttentionContext, Tensor>, Tensor, AttentionContext, Tensor>? LayerRunner { get; set; }

    /// <summary>True when every layer is a <see cref="PreNormDecoderLayer"/>, whose decode steps run fused.</summary>
    public bool FusedLayers => _fusedLayers ??= layers.All(layer => layer is PreNormDecoderLayer);

    /// <summary>The token embedding table.</summary>
    public TokenEmbedding EmbedTokens => embed_tokens;

    /// <inheritdoc />
    public override Tensor forward(ModelInput input)
    {
        using var scope = NewDisposeScope();
        long steps = input.InputIds.shape[1];
        Tensor hidden = embed_tokens.call(input.InputIds);                                  // [B, T, hidden]
        if (_embeddingScale is double scale)
        {
            // Gemma multiplies by sqrt(hidden) rounded to the model dtype.
            using Tensor normalizer = tensor(scale, dtype: hidden.dtype, device: hidden.device);
            hidden = hidden.mul_(normalizer);
        }
        var (cos, sin) = rotary_emb.call(input.PositionIds);
        // Window masks are built on first use inside a layer, so they are detached from that layer's dispose scope
        // and disposed here when the pass ends.
        var windowMasks = new Dictionary<int, Tensor?>();
        var context = new AttentionContext
        {
            Cos = cos,
            SinSigned = sin,
            Blocked = Blocked(input, steps, null, hidden.device),
            BlockedForWindow = window => windowMasks.TryGetValue(window, out Tensor? mask)
                ? mask
                : windowMasks[window] = Blocked(input, steps, window, hidden.device)?.DetachFromDisposeScope(),
            Cache = input.Cache,
            CacheOffset = input.CacheOffset,
        };
        try
        {
            foreach (var layer in layers)
            {
                Tensor next = LayerRunner is { } run ? run(layer, hidden, context) : layer.call(hidden, context);
                hidden.Dispose();
                hidden = next;
            }
        }
        finally
        {
            foreach (var mask in windowMasks.Values) mask?.Dispose();
        }
        return norm.call(hidden).MoveToOuterDisposeScope();
    }

    private static Tensor? Blocked(ModelInput input, long steps, int? window, Device device) => input.QuerySlots is { } slots
        ? AttentionMasks.BlockedAtSlots(slots, input.ValidSlots, input.CacheOffset + steps, window)
        : AttentionMasks.Blocked(input.ValidSlots, input.CacheOffset, steps, window, device, input.SegmentIds);
}
