using TorchSharp.Modules;
using Understudy.Engine.Kernels;
using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Models;

/// <summary>
/// A decoder-only language model: <c>model</c> (the body) and <c>lm_head</c>, which is the embedding table itself
/// when <c>tie_word_embeddings</c> is set (a real tie, not a copy, so no <c>lm_head.weight</c> key exists).
/// Input <see cref="ModelInput"/> → logits [B, T, vocab] (or [B, 1, vocab] for the last position).
/// </summary>
public abstract class CausalLanguageModel : nn.Module<ModelInput, Tensor>
{
    private readonly DecoderStack _body;
    private readonly Linear? _head;
    private readonly double? _finalLogitSoftcap;

    /// <summary>Registers the body as <c>model</c> and, unless tied, an <c>lm_head</c>.</summary>
    protected CausalLanguageModel(string name, ModelConfig config, DecoderStack body, Device device, ScalarType dtype,
        bool tiedEmbeddings, double? finalLogitSoftcap = null) : base(name)
    {
        Config = config;
        DType = dtype;
        Device = device;
        _body = body;
        _finalLogitSoftcap = finalLogitSoftcap;
        TiedEmbeddings = tiedEmbeddings;
        register_module("model", body);
        if (!tiedEmbeddings)
        {
            _head = Projection.Create(config.HiddenSize, config.VocabSize, hasBias: false, device, dtype);
            register_module("lm_head", _head);
        }
    }

    /// <summary>The config the model was built from.</summary>
    public ModelConfig Config { get; }

    /// <summary>True when the LM head is the embedding table.</summary>
    public bool TiedEmbeddings { get; }

    /// <summary>The parameters' dtype.</summary>
    public ScalarType DType { get; }

    /// <summary>The parameters' device.</summary>
    public Device Device { get; }

    /// <summary>The transformer body (<c>model.</c>).</summary>
    public DecoderStack Body => _body;

    /// <summary>The weight that maps hidden states to logits (the embedding table when tied).</summary>
    public Tensor OutputWeight => _head?.weight ?? (Tensor)_body.EmbedTokens.Weight;

    /// <summary>Final normalised hidden states [B, T, hidden] (used for embeddings).</summary>
    public Tensor ForwardHidden(ModelInput input) => _body.call(input);

    /// <inheritdoc />
    public override Tensor forward(ModelInput input)
    {
        using var scope = NewDisposeScope();
        Tensor hidden = _body.call(input);
        if (input.LastPositionOnly) hidden = hidden.narrow(1, hidden.shape[1] - 1, 1);
        // After fused decoder layers (bf16 included) no libtorch thread is left spinning, so our kernel serves a bf16 head too.
        bool servesBFloat16 = DecoderLayerKernel.Enabled && _body.FusedLayers
            && hidden.numel() / hidden.shape[^1] <= DecoderLayerKernel.MaxBFloat16Rows;
        Tensor logits = _head is not null
            ? Projection.Forward(_head, hidden, servesBFloat16)
            : Projection.Forward(hidden, _body.EmbedTokens.Weight, servesBFloat16: servesBFloat16);
        if (_finalLogitSoftcap is double cap) logits = logits.div_(cap).tanh_().mul_(cap);
        return logits.MoveToOuterDisposeScope();
    }
}
