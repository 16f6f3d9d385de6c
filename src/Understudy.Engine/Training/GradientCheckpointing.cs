using Understudy.Engine.Models;
using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Training;

/// <summary>
/// Gradient checkpointing of decoder layers: each layer runs without recording its activations and is recomputed
/// in backward, trading about one extra forward pass for memory that no longer grows with the layer count.
/// TorchSharp has no <c>torch.utils.checkpoint</c>; <see cref="CheckpointedLayerFunction"/> is the custom
/// autograd function that does it.
/// </summary>
public static class GradientCheckpointing
{
    /// <summary>Turns checkpointing of <paramref name="model"/>'s decoder layers on or off.</summary>
    public static void Enable(CausalLanguageModel model, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Body.LayerRunner = enabled ? Run : null;
    }

    /// <summary>True when <paramref name="model"/>'s layers are checkpointed.</summary>
    public static bool IsEnabled(CausalLanguageModel model) => model.Body.LayerRunner is not null;

    private static Tensor Run(nn.Module<Tensor, AttentionContext, Tensor> layer, Tensor hidden, AttentionContext context)
    {
        if (!is_grad_enabled() || !layer.training) return layer.call(hidden, context);
        // The function only joins the graph when an input needs a gradient; with frozen embeddings (LoRA) the
        // hidden states do not, yet the layer's own adapters do, so the input is made a leaf that asks for one.
        Tensor input = hidden.requires_grad ? hidden : hidden.detach().requires_grad_(true);
        return CheckpointedLayerFunction.apply(input, layer, context);
    }
}
