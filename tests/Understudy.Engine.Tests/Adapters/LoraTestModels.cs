using Understudy.Engine.Adapters;
using Understudy.Engine.Models;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Adapters;

/// <summary>Tiny models with LoRA adapters whose B is random (a fresh adapter's zero B would hide mistakes).</summary>
internal static class LoraTestModels
{
    public static readonly long[] Prompt = [1, 17, 5, 42, 9, 33, 60, 2];

    public static LoraSettings Settings(params string[] targets) => new()
    {
        Rank = 4,
        Alpha = 8,
        Dropout = 0,
        TargetModules = targets.Length == 0 ? ["q_proj", "v_proj"] : targets,
    };

    /// <summary>Gives every adapter a random B (seeded), as if it had been trained.</summary>
    public static void RandomizeB(AttachedLora attached, long seed = 3, double std = 0.3)
    {
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var layer in attached.Layers)
        {
            using Tensor values = randn(layer.WeightB.shape, ScalarType.Float32, generator: generator).mul_(std);
            layer.WeightB.copy_(values);
        }
    }

    /// <summary>Logits [T, vocab] for <see cref="Prompt"/>, computed without gradient (the fused inference path when allowed).</summary>
    public static Tensor Logits(CausalLanguageModel model)
    {
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);
        return model.call(ModelInput.ForSequence(ids)).squeeze(0);
    }

    /// <summary>Logits computed with gradient recording on (the per-projection path), detached.</summary>
    public static Tensor LogitsWithGrad(CausalLanguageModel model)
    {
        using var ids = TinyModels.Ids(Prompt);
        using var logits = model.call(ModelInput.ForSequence(ids));
        return logits.squeeze(0).detach();
    }

    public static double MaxDiff(Tensor a, Tensor b)
    {
        using var diff = (a - b).abs().max();
        return diff.item<float>();
    }
}
