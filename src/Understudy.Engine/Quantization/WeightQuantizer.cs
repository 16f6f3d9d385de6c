using TorchSharp.Modules;
using Understudy.Engine.Adapters;
using Understudy.Engine.Models;
using Understudy.Engine.Models.Blocks;

namespace Understudy.Engine.Quantization;

/// <summary>Replaces a model's frozen decoder linear layers with weight-only quantized ones (QLoRA's base model).</summary>
public static class WeightQuantizer
{
    /// <summary>
    /// Quantizes every decoder linear layer (q/k/v/o, gate/up/down; Phi-3's fused qkv/gate_up) of
    /// <paramref name="model"/> in place and frees the float weights, including the fused q/k/v and gate/up copies.
    /// Embeddings, norms and <c>lm_head</c> stay in the model dtype (as bitsandbytes leaves them). Call it before
    /// attaching LoRA; LoRA then wraps the quantized layers. Returns the layer count and weight bytes before/after.
    /// </summary>
    public static QuantizationReport QuantizeFrozenLinears(CausalLanguageModel model, QuantizationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var targets = LoraTargets.All(model);
        foreach (var target in targets) _ = PlainLinear(target);   // check everything before changing anything
        int count = 0;
        long before = 0, after = 0;
        foreach (var group in targets.GroupBy(t => t.Host))
        {
            var replaced = new List<Linear>();
            foreach (var target in group)
            {
                var linear = PlainLinear(target);
                var quantized = QuantizedLinear.FromLinear(linear, settings, target.Path);
                before += linear.weight!.numel() * linear.weight.ElementSize;
                after += quantized.StorageBytes;
                target.Host.SetProjection(target.SlotName, quantized);
                replaced.Add(linear);
                count++;
            }
            group.Key.ReleaseFusedWeights();
            foreach (var linear in replaced)
            {
                linear.weight?.Dispose();
                linear.bias?.Dispose();
            }
        }
        return new QuantizationReport(count, before, after);
    }

    private static Linear PlainLinear(LoraTarget target) => target.Host.GetProjection(target.SlotName) switch
    {
        Linear linear => linear,
        LoraLinear => throw new InvalidOperationException($"{target.Path} has a LoRA adapter attached; quantize the base model before attaching adapters."),
        var other => throw new InvalidOperationException($"{target.Path} is already a {other.GetType().Name}; a model can be quantized once."),
    };
}
