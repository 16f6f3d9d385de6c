using Understudy.Engine.Kernels;
using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Kernels;

public class DecodeOpsTests
{
    public DecodeOpsTests() => Assert.SkipUnless(SkinnyLinear.IsSupportedByHardware, "this CPU has no AVX2+FMA");

    [Theory]
    [InlineData(false, 77)]
    [InlineData(true, 64)]
    public void RmsNorm_matches_the_formula_for_both_weight_conventions(bool offsetFromOne, int width)
    {
        var generator = new Generator(21);
        using var x = randn(2, 1, width, generator: generator);
        using var weight = randn(width, generator: generator);
        using var noGrad = no_grad();

        using var actual = DecodeOps.RmsNorm(x, weight, 1e-6, offsetFromOne);
        using var scale = offsetFromOne ? weight + 1 : weight.alias();
        using var expected = x * (x.square().mean([-1], keepdim: true) + 1e-6).rsqrt() * scale;

        Assert.NotNull(actual);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GatedActivation_is_activation_of_the_first_half_times_the_second(bool geluTanh)
    {
        using var gateUp = randn(3, 1, 2 * 45, generator: new Generator(22)) * 4;
        using var noGrad = no_grad();

        using var actual = DecodeOps.GatedActivation(gateUp, 45, geluTanh);
        using var gate = gateUp.narrow(-1, 0, 45);
        using var activated = geluTanh ? nn.functional.gelu(gate, TorchSharp.Modules.GELU.Approximate.tanh) : nn.functional.silu(gate);
        using var expected = activated * gateUp.narrow(-1, 45, 45);

        Assert.NotNull(actual);
        Assert.Equal(new long[] { 3, 1, 45 }, actual.shape);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6), $"max diff {(actual - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void TryCopyIntoCache_writes_the_slots_that_narrow_transpose_copy_writes()
    {
        using var qkv = randn(2, 1, 7, 16, generator: new Generator(25));
        using var keys = qkv.narrow(2, 4, 2);                                        // [B, T, K, D], a strided view
        using var expected = randn(2, 2, 10, 16, generator: new Generator(26));
        using var actual = expected.clone();
        expected.narrow(2, 6, 1).copy_(keys.transpose(1, 2));
        using var noGrad = no_grad();

        Assert.True(DecodeOps.TryCopyIntoCache(actual, 6, keys));

        Assert.True(actual.eq(expected).all().item<bool>());
        Assert.False(DecodeOps.TryCopyIntoCache(actual, 10, keys));                // past the capacity: left to libtorch (which throws)
    }

    [Theory]
    [InlineData(49152, ScalarType.Float32)]
    [InlineData(13, ScalarType.Float32)]        // shorter than one vector
    [InlineData(1003, ScalarType.Float32)]      // a tail after the vectors
    [InlineData(49152, ScalarType.BFloat16)]    // bf16 logits are widened exactly, so the same rules hold
    [InlineData(1003, ScalarType.BFloat16)]
    public void ArgMax_picks_libtorchs_index_including_ties_and_nans(int vocab, ScalarType dtype)
    {
        using var random = randn(4, 1, vocab, generator: new Generator(24));
        using var logits = random.to_type(dtype);
        logits[1, 0, vocab - 1] = tensor(10f);                                       // the maximum in the tail
        logits[2, 0, vocab / 3] = tensor(9f);                                        // a tie: the first one wins
        logits[2, 0, vocab / 2] = tensor(9f);
        logits[3, 0, vocab / 2] = tensor(float.NaN);                                 // NaN beats everything, as in libtorch
        logits[3, 0, 0] = tensor(100f);
        using var noGrad = no_grad();

        long[]? actual = DecodeOps.ArgMax(logits);

        Assert.Equal(logits.argmax(-1).view(-1).data<long>().ToArray(), actual);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(16, 10)]     // partial rotary: the last 6 channels pass through
    public void Rotary_matches_the_eager_rotation_on_a_strided_view(int headDim, int rotaryDim)
    {
        using var rope = new RotaryEmbedding(rotaryDim, 10000, null, CPU);
        using var qkv = randn(2, 1, 7, headDim, generator: new Generator(23));
        using var x = qkv.narrow(2, 0, 5);                                           // q and k heads of a fused qkv
        var (cos, sin) = rope.call(tensor(new long[] { 3, 11 }).view(2, 1));
        using var expected = RotaryEmbedding.Apply(x, cos, sin);                     // gradient mode on: eager path
        using var noGrad = no_grad();

        using var actual = DecodeOps.Rotary(x, cos, sin);

        Assert.NotNull(actual);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
        cos.Dispose();
        sin.Dispose();
    }

    [Fact]
    public void Fused_ops_decline_bfloat16_prefill_sized_and_gradient_recording_inputs()
    {
        using var weight = ones(16);
        using var decode = randn(1, 16);
        using var prefill = randn(SkinnyLinear.MaxInputRows + 1, 16);

        Assert.Null(DecodeOps.RmsNorm(decode, weight, 1e-6, false));                  // gradient mode is on
        using var noGrad = no_grad();
        Assert.Null(DecodeOps.RmsNorm(prefill, weight, 1e-6, false));
        Assert.Null(DecodeOps.RmsNorm(decode.to_type(ScalarType.BFloat16), weight.to_type(ScalarType.BFloat16), 1e-6, false));
        Assert.Null(DecodeOps.GatedActivation(decode, 7, geluTanh: false));           // 16 ≠ 2·7
    }
}
