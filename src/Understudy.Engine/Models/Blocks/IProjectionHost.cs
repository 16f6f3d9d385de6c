using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>
/// A block whose linear projections (<c>q_proj</c>, <c>down_proj</c>, ...) can be swapped for another module of the
/// same shape contract: a LoRA wrapper around the original layer, or a weight-only quantized copy of it. The block
/// keeps calling whatever module the slot holds, so state_dict keys follow the module placed there.
/// </summary>
public interface IProjectionHost
{
    /// <summary>The slot names, as in the Hugging Face checkpoint (e.g. <c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>, <c>o_proj</c>).</summary>
    IReadOnlyList<string> ProjectionNames { get; }

    /// <summary>The module the slot holds now.</summary>
    nn.Module<Tensor, Tensor> GetProjection(string name);

    /// <summary>
    /// Puts <paramref name="layer"/> in the slot (re-registering it under the same name). The block's fused matrix
    /// multiply is used only while every fused slot holds its original layer, so a wrapper disables it until restored.
    /// </summary>
    void SetProjection(string name, nn.Module<Tensor, Tensor> layer);

    /// <summary>
    /// Stops using and frees the block's fused weight for good (the slots keep working one by one). Call it after
    /// replacing the original layers for good (weight quantization), so their memory can be reclaimed.
    /// </summary>
    void ReleaseFusedWeights();
}
