using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Understudy.Engine.Training;

/// <summary>Next-token cross-entropy over labelled positions only (labels already shifted, see <see cref="TrainingBatch"/>).</summary>
public static class CausalLmLoss
{
    /// <summary>Σ −log p(label) over positions whose label is not <see cref="TrainingBatch.IgnoreIndex"/>, in float32. logits [B, T, V], labels [B, T].</summary>
    public static Tensor Sum(Tensor logits, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        long vocab = logits.shape[^1];
        Tensor flat = logits.reshape(-1, vocab);                                           // [B·T, V]
        if (flat.dtype != ScalarType.Float32) flat = flat.to_type(ScalarType.Float32);
        return F.cross_entropy(flat, labels.reshape(-1), ignore_index: TrainingBatch.IgnoreIndex, reduction: nn.Reduction.Sum);
    }
}
