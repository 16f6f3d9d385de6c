using static TorchSharp.torch;

namespace Understudy.Engine.Quantization;

/// <summary>
/// y = x·Wᵀ with W dequantized from a <see cref="QuantizedLinear"/>, as an autograd function that saves no weight:
/// backward dequantizes again to compute dx = dy·W. A plain <c>linear</c> on the dequantized weight would keep every
/// layer's full-precision copy alive until backward, undoing the memory saving. W itself gets no gradient (frozen).
/// </summary>
internal sealed class QuantizedMatmul : autograd.SingleTensorFunction<QuantizedMatmul>
{
    private const string LayerKey = "layer";

    public override string Name => nameof(QuantizedMatmul);

    /// <summary>vars: the input x [.., in] and the <see cref="QuantizedLinear"/>.</summary>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        var layer = (QuantizedLinear)vars[1];
        ctx.save_data(LayerKey, layer);
        using Tensor weight = layer.Dequantize(x.dtype);                         // [out, in]
        return nn.functional.linear(x, weight);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var layer = (QuantizedLinear)ctx.get_data(LayerKey);
        using Tensor weight = layer.Dequantize(grad_output.dtype);               // [out, in]
        return [grad_output.matmul(weight), null!];                              // [.., out]·[out, in] → [.., in]
    }
}
