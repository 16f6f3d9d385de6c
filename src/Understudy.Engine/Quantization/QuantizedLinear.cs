using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Understudy.Engine.Quantization;

/// <summary>
/// A frozen linear layer whose weight is stored weight-only quantized (<see cref="QuantizationSettings"/>) and
/// dequantized on the fly: <c>y = x·dequant(W)ᵀ + b</c>. Gradients flow to the input (for LoRA layers and earlier
/// blocks) through <see cref="QuantizedMatmul"/>; the weight never gets one. Buffers: <c>qweight</c> (int8 [out, in],
/// or two NF4 codes per byte as uint8 [out, in/2], first code in the high nibble), <c>scales</c> float32
/// [out, in/group], and the float <c>bias</c> when the layer has one.
/// </summary>
public sealed class QuantizedLinear : nn.Module<Tensor, Tensor>
{
    private readonly Tensor qweight;
    private readonly Tensor scales;
    private readonly Tensor? bias;
    private readonly Tensor? nf4_code;

    private QuantizedLinear(Tensor codes, Tensor groupScales, Tensor? bias, QuantizationSettings settings, long inFeatures, ScalarType dtype)
        : base(nameof(QuantizedLinear))
    {
        qweight = codes;
        scales = groupScales;
        this.bias = bias;
        Settings = settings;
        InFeatures = inFeatures;
        OutFeatures = codes.shape[0];
        ComputeDType = dtype;
        register_buffer(nameof(qweight), qweight);
        register_buffer(nameof(scales), scales);
        if (bias is not null) register_buffer(nameof(bias), bias);
        if (settings.Bits == 4)
        {
            nf4_code = tensor(Nf4Code.Values, device: codes.device).DetachFromDisposeScope();
            register_buffer(nameof(nf4_code), nf4_code, persistent: false);
        }
    }

    /// <summary>Bits and group size.</summary>
    public QuantizationSettings Settings { get; }

    /// <summary>Input features.</summary>
    public long InFeatures { get; }

    /// <summary>Output features.</summary>
    public long OutFeatures { get; }

    /// <summary>The dtype of the original weight, used for compute.</summary>
    public ScalarType ComputeDType { get; }

    /// <summary>The device of the stored codes.</summary>
    public Device Device => qweight.device;

    /// <summary>Bytes held by the codes and scales.</summary>
    public long StorageBytes => qweight.numel() * qweight.ElementSize + scales.numel() * scales.ElementSize;

    /// <summary>Quantizes <paramref name="linear"/>'s weight (the linear layer itself is left untouched).</summary>
    public static QuantizedLinear FromLinear(Linear linear, QuantizationSettings settings, string name)
    {
        ArgumentNullException.ThrowIfNull(linear);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Tensor weight = linear.weight!;
        long outFeatures = weight.shape[0], inFeatures = weight.shape[1];
        if (inFeatures % settings.GroupSize != 0)
            throw new ArgumentException($"{name}: input size {inFeatures} is not a multiple of the quantization group size {settings.GroupSize}; choose a group size that divides it.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor groups = weight.to_type(ScalarType.Float32).view(outFeatures, inFeatures / settings.GroupSize, settings.GroupSize);
        Tensor absmax = groups.abs().amax([-1], keepdim: true).clamp_min(1e-12);       // [out, groups, 1]
        Tensor codes, groupScales;
        if (settings.Bits == 8)
        {
            groupScales = absmax.div(127.0);
            codes = groups.div(groupScales).round_().clamp_(-127, 127).to_type(ScalarType.Int8).view(outFeatures, inFeatures);
        }
        else
        {
            using Tensor boundaries = tensor(Nf4Code.Boundaries(), device: weight.device);
            Tensor indices = groups.div(absmax).contiguous().bucketize(boundaries).to_type(ScalarType.Int32).view(outFeatures, inFeatures / 2, 2);
            codes = indices.select(-1, 0).bitwise_left_shift(4).bitwise_or(indices.select(-1, 1)).to_type(ScalarType.Byte);
            groupScales = absmax;
        }
        Tensor storedCodes = codes.contiguous().MoveToOuterDisposeScope();
        Tensor storedScales = groupScales.view(outFeatures, -1).contiguous().MoveToOuterDisposeScope();
        Tensor? biasCopy = linear.bias?.detach().clone().MoveToOuterDisposeScope();
        return new QuantizedLinear(storedCodes, storedScales, biasCopy, settings, inFeatures, weight.dtype);
    }

    /// <summary>The weight [out, in] rebuilt from codes and scales, in <paramref name="dtype"/> (default: the compute dtype).</summary>
    public Tensor Dequantize(ScalarType? dtype = null)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long groups = scales.shape[1];
        Tensor values;
        if (Settings.Bits == 8)
        {
            values = qweight.to_type(ScalarType.Float32);
        }
        else
        {
            Tensor high = qweight.bitwise_right_shift(4), low = qweight.bitwise_and(15);
            Tensor indices = stack([high, low], -1).view(-1).to_type(ScalarType.Int64);      // [out·in]
            values = nf4_code!.index_select(0, indices);
        }
        Tensor weight = values.view(OutFeatures, groups, -1).mul_(scales.unsqueeze(-1)).view(OutFeatures, InFeatures);
        return weight.to_type(dtype ?? ComputeDType).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor y;
        if (is_grad_enabled() && x.requires_grad)
        {
            y = QuantizedMatmul.apply(x, this);
        }
        else
        {
            using Tensor weight = Dequantize(x.dtype);
            y = F.linear(x, weight);
        }
        if (bias is not null) y = y.add(bias.dtype == y.dtype ? bias : bias.to_type(y.dtype));
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>A plain frozen linear layer holding dequant(W) + <paramref name="delta"/> (float32 [out, in]) in the compute dtype.</summary>
    public Linear ToLinear(Tensor? delta = null)
    {
        using var noGrad = no_grad();
        Tensor weight = Dequantize(ScalarType.Float32);
        if (delta is not null) weight.add_(delta.to(weight.device));
        var parameter = new Parameter(weight.to_type(ComputeDType), requires_grad: false);
        weight.Dispose();
        Parameter? b = bias is null ? null : new Parameter(bias.clone(), requires_grad: false);
        return nn.Linear(parameter, b);
    }
}
