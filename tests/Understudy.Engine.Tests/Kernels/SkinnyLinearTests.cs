using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Kernels;

public class SkinnyLinearTests
{
    public SkinnyLinearTests() => Assert.SkipUnless(SkinnyLinear.IsSupportedByHardware, "this CPU has no AVX2+FMA");

    [Theory]
    [InlineData(1, 37, 133, false)]     // odd sizes: row tail (37 = 4·9 + 1) and column tail (133 = 8·16 + 5)
    [InlineData(3, 64, 32, true)]
    [InlineData(8, 1001, 577, true)]    // many chunks: runs on every worker thread
    [InlineData(2, 4, 7, false)]        // fewer columns than one vector
    [InlineData(5, 67, 200, true)]      // 200 = 32·6 + 8: whole 32-column blocks, one 8-column vector, no tail
    [InlineData(7, 4099, 75, false)]    // odd input rows; ~19 chunks of 64 KB dealt to the threads; 75 = 32·2 + 8 + 3
    public void Float32_matches_libtorch_linear_within_float_rounding(int inputRows, int outputs, int inputs, bool withBias)
    {
        var generator = new Generator(11);
        using var weight = randn(outputs, inputs, generator: generator);
        using var x = randn(inputRows, inputs, generator: generator);
        using var bias = withBias ? randn(outputs, generator: generator) : null;
        using var noGrad = no_grad();

        using var actual = SkinnyLinear.Multiply(x, weight, bias);
        using var expected = nn.functional.linear(x.to_type(ScalarType.Float64), weight.to_type(ScalarType.Float64), bias?.to_type(ScalarType.Float64));

        Assert.Equal(new long[] { inputRows, outputs }, actual.shape);
        Assert.True(actual.to_type(ScalarType.Float64).allclose(expected, rtol: 1e-5, atol: 1e-4),
            $"max diff {(actual.to_type(ScalarType.Float64) - expected).abs().max().item<double>()}");
    }

    [Theory]
    [InlineData(1, 45, 133, true)]
    [InlineData(4, 300, 576, false)]
    [InlineData(5, 67, 200, false)]     // whole 32-column blocks and one 8-column vector, no tail
    [InlineData(8, 1001, 577, true)]
    public void BFloat16_weights_accumulate_in_float32_and_round_once(int inputRows, int outputs, int inputs, bool withBias)
    {
        var generator = new Generator(12);
        using var weight = randn(outputs, inputs, generator: generator).to_type(ScalarType.BFloat16);
        using var x = randn(inputRows, inputs, generator: generator).to_type(ScalarType.BFloat16);
        using var bias = withBias ? randn(outputs, generator: generator).to_type(ScalarType.BFloat16) : null;
        using var noGrad = no_grad();

        using var actual = SkinnyLinear.Multiply(x, weight, bias);
        // The exact result of the bf16 inputs, rounded to bf16 once: off by at most half a bf16 step (2⁻⁹ relative).
        using var exact = nn.functional.linear(x.to_type(ScalarType.Float64), weight.to_type(ScalarType.Float64), bias?.to_type(ScalarType.Float64));

        Assert.Equal(ScalarType.BFloat16, actual.dtype);
        Assert.True(actual.to_type(ScalarType.Float64).allclose(exact, rtol: 1.0 / 256, atol: 1e-3),
            $"max diff {(actual.to_type(ScalarType.Float64) - exact).abs().max().item<double>()}");
    }

    [Theory]
    [InlineData(ScalarType.Float32, 141)]     // 141 = 32·4 + 8 + 5: every stage of the summation order
    [InlineData(ScalarType.BFloat16, 141)]
    [InlineData(ScalarType.Float32, 75)]      // 75 = 32·2 + 8 + 3
    [InlineData(ScalarType.BFloat16, 75)]
    [InlineData(ScalarType.BFloat16, 53)]     // 53 = 32 + 16 + 5: a whole 16-column block after the 32-column blocks
    [InlineData(ScalarType.BFloat16, 58)]     // 58 = 32 + 16 + 8 + 2
    public void Each_row_gets_the_same_bits_whatever_the_number_of_rows(ScalarType dtype, int inputs)
    {
        var generator = new Generator(15);
        using var weight = randn(23, inputs, generator: generator).to_type(dtype);
        using var x = randn(5, inputs, generator: generator).to_type(dtype);
        using var noGrad = no_grad();

        using var together = SkinnyLinear.Multiply(x, weight);
        for (int row = 0; row < 5; row++)
        {
            using var alone = SkinnyLinear.Multiply(x.narrow(0, row, 1), weight);
            Assert.True(alone.eq(together.narrow(0, row, 1)).all().item<bool>(), $"row {row} differs");
        }
    }

    [Fact]
    public void Leading_dimensions_of_the_input_are_kept()
    {
        var generator = new Generator(13);
        using var weight = randn(10, 6, generator: generator);
        using var x = randn(2, 1, 6, generator: generator);
        using var noGrad = no_grad();

        using var actual = SkinnyLinear.Multiply(x, weight);

        Assert.Equal(new long[] { 2, 1, 10 }, actual.shape);
        Assert.True(actual.allclose(nn.functional.linear(x, weight), rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void A_row_block_of_a_larger_weight_reads_only_its_own_rows()
    {
        var generator = new Generator(14);
        using var fused = randn(30, 16, generator: generator);
        using var part = fused.narrow(0, 10, 13);                       // contiguous view at an offset
        using var x = randn(1, 16, generator: generator);
        using var noGrad = no_grad();

        using var actual = SkinnyLinear.Multiply(x, part);

        Assert.True(actual.allclose(nn.functional.linear(x, part), rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void TryForward_declines_what_the_dispatch_rule_excludes()
    {
        using var weight = randn(8, 16);
        using var decodeInput = randn(1, 16);
        using var prefillInput = randn(SkinnyLinear.MaxInputRows + 1, 16);
        using var transposed = randn(16, 8);
        using var doubles = randn(1, 16, dtype: ScalarType.Float64);
        using var doubleWeight = randn(8, 16, dtype: ScalarType.Float64);

        Assert.Null(SkinnyLinear.TryForward(decodeInput, weight, null));                      // gradient mode is on
        using var noGrad = no_grad();
        using var served = SkinnyLinear.TryForward(decodeInput, weight, null);
        Assert.NotNull(served);
        Assert.Null(SkinnyLinear.TryForward(prefillInput, weight, null));                     // too many rows
        Assert.Null(SkinnyLinear.TryForward(decodeInput, transposed.t(), null));              // not contiguous
        Assert.Null(SkinnyLinear.TryForward(doubles, doubleWeight, null));                    // float64
        Assert.Null(SkinnyLinear.TryForward(decodeInput.to_type(ScalarType.BFloat16), weight, null));   // mixed dtypes
        using var bf16 = SkinnyLinear.TryForward(decodeInput.to_type(ScalarType.BFloat16), weight.to_type(ScalarType.BFloat16), null);
        Assert.Null(bf16);                                                                     // bf16 only when asked for
        using var askedBf16 = SkinnyLinear.TryForward(decodeInput.to_type(ScalarType.BFloat16), weight.to_type(ScalarType.BFloat16), null, servesBFloat16: true);
        Assert.NotNull(askedBf16);
    }

    [Fact]
    public void Multiply_names_both_shapes_when_they_do_not_fit()
    {
        using var weight = randn(8, 16);
        using var x = randn(1, 15);

        var error = Assert.Throws<ArgumentException>(() => SkinnyLinear.Multiply(x, weight));

        Assert.Contains("[1, 15]", error.Message);
        Assert.Contains("[8, 16]", error.Message);
    }
}
