using TorchSharp.Modules;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>
/// Runs a <see cref="PreNormDecoderLayer"/>'s decode step on <see cref="DecoderLayerKernel"/> when everything it
/// reads is in the kernel's form: CPU tensors all float32 or all bfloat16, at most <see cref="SkinnyLinear.MaxInputRows"/>
/// rows (<see cref="DecoderLayerKernel.MaxBFloat16Rows"/> in bf16) of one new position each, plain linear projections
/// (no adapter or quantized module), a cache that hands out raw slots
/// (<see cref="IDecodeStepCache"/>), no gradient recorded. Otherwise returns null and the layer runs its blocks.
/// </summary>
internal static unsafe class FusedDecodeStep
{
    /// <summary>x [B, 1, hidden] → [B, 1, hidden], or null when the fused step does not apply.</summary>
    public static Tensor? TryForward(Attention attention, GatedMlp mlp, RmsNorm inputNorm, RmsNorm postNorm, Tensor x, AttentionContext context)
    {
        if (!DecoderLayerKernel.Enabled || !SkinnyLinear.Enabled || !SkinnyLinear.IsSupportedByHardware || is_grad_enabled()) return null;
        if (!DecodeOps.IsKernelOperand(x) || x.dim() != 3 || x.size(1) != 1 || x.size(0) > SkinnyLinear.MaxInputRows) return null;
        ScalarType dtype = x.dtype;
        if (dtype == ScalarType.BFloat16 && x.size(0) > DecoderLayerKernel.MaxBFloat16Rows) return null;
        AttentionOptions options = attention.Options;
        if (x.size(2) != options.HiddenSize) return null;
        if (context.Cache is not IDecodeStepCache cache) return null;
        int batch = (int)x.size(0);
        if (attention.InferenceQkv() is not var (qkv, qkvBias) || attention.PlainOutputProjection is not { weight: { } output } outputLayer
            || mlp.InferenceGateUp() is not var (gateUp, gateUpBias) || mlp.PlainDownProjection is not { weight: { } down } downLayer)
            return null;
        if (!cache.TryGetDecodeSlots(attention.LayerIndex, context.CacheOffset, batch, out DecodeCacheSlots slots)) return null;
        if (!TryRotary(context, batch, out float* cos, out float* sin, out int rotaryDim) || rotaryDim > options.HeadDim) return null;
        Tensor? blocked = options.SlidingWindow is int window && context.BlockedForWindow is { } forWindow ? forWindow(window) : context.Blocked;
        if (!TryMask(blocked, batch, slots.Length, out byte* mask, out long maskBatchStride)) return null;

        var headNorms = attention.HeadNorms;
        var pointers = new void*[12];
        Tensor?[] tensors =
        [
            inputNorm.Weight, postNorm.Weight, qkv, qkvBias, headNorms?.Query.Weight, headNorms?.Key.Weight,
            output, outputLayer.bias, gateUp, gateUpBias, down, downLayer.bias,
        ];
        for (int i = 0; i < tensors.Length; i++)
        {
            if (tensors[i] is not { } tensor) continue;
            if (tensor.dtype != dtype || !DecodeOps.IsKernelOperand(tensor)) return null;
            pointers[i] = TensorMemory.Address(tensor);
        }
        var weights = new DecoderLayerWeights
        {
            Hidden = options.HiddenSize,
            Heads = options.NumHeads,
            KvHeads = options.NumKeyValueHeads,
            HeadDim = options.HeadDim,
            Intermediate = (int)mlp.Intermediate,
            BFloat16 = dtype == ScalarType.BFloat16,
            InputNorm = pointers[0],
            PostAttentionNorm = pointers[1],
            NormEps = (float)inputNorm.Eps,
            NormOffsetFromOne = inputNorm.WeightIsOffsetFromOne,
            Qkv = pointers[2],
            QkvBias = pointers[3],
            QueryNorm = pointers[4],
            KeyNorm = pointers[5],
            QkNormEps = (float)(headNorms?.Query.Eps ?? 0),
            Scale = (float)attention.ScoreScale,
            SoftCap = (float)(options.LogitSoftcap ?? 0),
            Output = pointers[6],
            OutputBias = pointers[7],
            GateUp = pointers[8],
            GateUpBias = pointers[9],
            Down = pointers[10],
            DownBias = pointers[11],
            GeluTanh = mlp.Activation == MlpActivation.GeluTanh,
        };
        // Both norms must agree on eps and form for the one NormEps the kernel takes.
        if (postNorm.Eps != inputNorm.Eps || postNorm.WeightIsOffsetFromOne != inputNorm.WeightIsOffsetFromOne) return null;
        var step = new DecodeStepInputs { Batch = batch, Cos = cos, SinSigned = sin, RotaryDim = rotaryDim, Blocked = mask, BlockedBatchStride = maskBatchStride };
        Tensor result = empty_like(x);
        DecoderLayerKernel.Run(weights, step, slots, TensorMemory.Address(x), TensorMemory.Address(result));
        return result;
    }

    /// <summary>cos and sin [B, 1, 1, R] contiguous float32, as <see cref="RotaryEmbedding"/> makes them.</summary>
    private static bool TryRotary(AttentionContext context, int batch, out float* cos, out float* sin, out int rotaryDim)
    {
        cos = null;
        sin = null;
        rotaryDim = 0;
        Tensor c = context.Cos, s = context.SinSigned;
        if (!DecodeOps.IsContiguousFloatCpu(c) || !DecodeOps.IsContiguousFloatCpu(s) || c.dim() != 4 || s.dim() != 4) return false;
        long r = c.size(3);
        if (r % 2 != 0 || c.size(0) != batch || c.numel() != batch * r || s.numel() != batch * r || s.size(3) != r) return false;
        cos = DecodeOps.Pointer(c);
        sin = DecodeOps.Pointer(s);
        rotaryDim = (int)r;
        return true;
    }

    /// <summary>The blocked mask [B or 1, 1, 1, 1, length] as contiguous bytes, or none.</summary>
    private static bool TryMask(Tensor? blocked, int batch, long length, out byte* mask, out long batchStride)
    {
        mask = null;
        batchStride = 0;
        if (blocked is null) return true;
        long[] m = blocked.shape;
        if (blocked.dtype != ScalarType.Bool || blocked.device_type != TorchSharp.DeviceType.CPU || !blocked.is_contiguous() || m.Length != 5
            || (m[0] != 1 && m[0] != batch) || m[1] != 1 || m[2] != 1 || m[3] != 1 || m[4] != length) return false;
        mask = (byte*)TensorMemory.Address(blocked);
        batchStride = m[0] == 1 ? 0 : length;
        return true;
    }
}
