using TorchSharp.Modules;
using Understudy.Engine.Quantization;
using static TorchSharp.torch;

namespace Understudy.Engine.Adapters;

/// <summary>
/// A frozen linear layer plus a trainable low-rank update, as PEFT's <c>lora.Linear</c>:
/// <c>y = base_layer(x) + s · lora_B(lora_A(dropout(x)))</c> with s = α/r. A is [r, in], B is [out, r].
/// The update runs in the adapter dtype (float32 by default, like PEFT's adapter autocast) and is cast to the
/// base output's dtype. The base may be a plain <see cref="Linear"/> or a <see cref="QuantizedLinear"/>.
/// </summary>
public sealed class LoraLinear : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> base_layer;
    private readonly Linear lora_A;
    private readonly Linear lora_B;
    private readonly Dropout lora_dropout;

    /// <summary>Wraps <paramref name="baseLayer"/>; A and B are allocated uninitialised (see <see cref="ResetParameters"/>).</summary>
    public LoraLinear(nn.Module<Tensor, Tensor> baseLayer, int rank, double scaling, double dropout, ScalarType adapterDtype)
        : base(nameof(LoraLinear))
    {
        ArgumentNullException.ThrowIfNull(baseLayer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rank);
        (InFeatures, OutFeatures, Device device) = LinearShapes.Of(baseLayer);
        base_layer = baseLayer;
        Rank = rank;
        Scaling = scaling;
        AdapterDType = adapterDtype;
        lora_A = nn.Linear(new Parameter(empty([rank, InFeatures], adapterDtype, device)), null);
        lora_B = nn.Linear(new Parameter(empty([OutFeatures, rank], adapterDtype, device)), null);
        lora_dropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>The wrapped (frozen) layer.</summary>
    public nn.Module<Tensor, Tensor> BaseLayer => base_layer;

    /// <summary>A, [r, in].</summary>
    public Parameter WeightA => lora_A.weight!;

    /// <summary>B, [out, r].</summary>
    public Parameter WeightB => lora_B.weight!;

    /// <summary>The rank r.</summary>
    public int Rank { get; }

    /// <summary>The factor s applied to B·A·x.</summary>
    public double Scaling { get; }

    /// <summary>Input features of the base layer.</summary>
    public long InFeatures { get; }

    /// <summary>Output features of the base layer.</summary>
    public long OutFeatures { get; }

    /// <summary>The dtype of A and B.</summary>
    public ScalarType AdapterDType { get; }

    /// <summary>
    /// PEFT's default init: A Kaiming-uniform with a = √5 (bound 1/√in), B zero, so the wrapped layer starts out
    /// computing exactly what the base layer computes.
    /// </summary>
    public void ResetParameters(Generator generator)
    {
        using var noGrad = no_grad();
        double bound = 1.0 / Math.Sqrt(InFeatures);
        using Tensor uniform = rand([Rank, InFeatures], ScalarType.Float32, generator: generator).mul_(2 * bound).sub_(bound);
        WeightA.copy_(uniform);
        WeightB.zero_();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor result = base_layer.call(x);                                                 // [.., out]
        Tensor input = x.dtype == AdapterDType ? x : x.to_type(AdapterDType);
        Tensor update = lora_B.call(lora_A.call(lora_dropout.call(input))).mul(Scaling);   // [.., r] → [.., out]
        return result.add(update.dtype == result.dtype ? update : update.to_type(result.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>s·B·A in float32, [out, in]: what merging adds to the base weight.</summary>
    public Tensor DeltaWeight()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor delta = matmul(WeightB.to_type(ScalarType.Float32), WeightA.to_type(ScalarType.Float32)).mul_(Scaling);
        return delta.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Folds s·B·A into the base weight and returns the layer to put back in the slot: the same <see cref="Linear"/>
    /// (its weight updated in place, so a fused view of it sees the change too), or for a quantized base a new
    /// plain linear layer holding the dequantized weight plus the update.
    /// </summary>
    public nn.Module<Tensor, Tensor> MergeIntoBase()
    {
        using var noGrad = no_grad();
        using Tensor delta = DeltaWeight();
        switch (base_layer)
        {
            case Linear linear:
                using (Tensor cast = delta.to(linear.weight!.dtype, linear.weight.device)) linear.weight.add_(cast);
                return linear;
            case QuantizedLinear quantized:
                return quantized.ToLinear(delta);
            default:
                throw new NotSupportedException($"Cannot merge LoRA into a {base_layer.GetType().Name}.");
        }
    }
}
