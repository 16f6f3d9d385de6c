using TorchSharp.Modules;
using Understudy.Engine.Quantization;
using static TorchSharp.torch;

namespace Understudy.Engine.Adapters;

/// <summary>Reads the (in, out) features and device of the layer kinds that LoRA can wrap.</summary>
internal static class LinearShapes
{
    public static (long In, long Out, Device Device) Of(nn.Module<Tensor, Tensor> layer) => layer switch
    {
        Linear linear => (linear.weight!.shape[1], linear.weight.shape[0], linear.weight.device),
        QuantizedLinear quantized => (quantized.InFeatures, quantized.OutFeatures, quantized.Device),
        LoraLinear => throw new InvalidOperationException("This layer already has a LoRA adapter attached; detach or merge it first."),
        _ => throw new NotSupportedException($"LoRA can wrap linear layers only, not {layer.GetType().Name}."),
    };
}
