using Understudy.Engine.Models;
using Understudy.Engine.Models.Blocks;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Models.Blocks;

public class RotaryEmbeddingTests
{
    [Fact]
    public void Apply_rotates_channel_pairs_by_position_times_frequency()
    {
        using var rope = new RotaryEmbedding(8, 10000, null, CPU);
        using var x = randn(5, 3, 8, generator: new Generator(3));                      // [T, heads, d]
        using var positions = arange(5, ScalarType.Int64).unsqueeze(0);

        var (cos, sin) = rope.call(positions);
        using var actual = RotaryEmbedding.Apply(x.unsqueeze(0), cos, sin).squeeze(0).to_type(ScalarType.Float64);
        using var expected = ReferenceDecoder.Rope(x.to_type(ScalarType.Float64), 10000);

        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Position_ids_not_starting_at_zero_rotate_as_their_own_positions()
    {
        using var rope = new RotaryEmbedding(8, 10000, null, CPU);
        using var x = randn(1, 1, 2, 8, generator: new Generator(4));
        var (cosShifted, sinShifted) = rope.call(tensor(new long[] { 3 }).view(1, 1));
        var (cosAll, sinAll) = rope.call(arange(4, ScalarType.Int64).unsqueeze(0));

        using var shifted = RotaryEmbedding.Apply(x, cosShifted, sinShifted);
        using var fromAll = RotaryEmbedding.Apply(x, cosAll.narrow(1, 3, 1), sinAll.narrow(1, 3, 1));

        Assert.True(shifted.allclose(fromAll));
    }

    [Fact]
    public void Llama3_scaling_keeps_high_frequencies_divides_low_ones_and_blends_between()
    {
        var scaling = new RopeScalingConfig
        {
            RopeType = "llama3",
            Factor = 8,
            LowFreqFactor = 1,
            HighFreqFactor = 4,
            OriginalMaxPositionEmbeddings = 8192,
        };
        float[] plain = RopeFrequencies.Compute(128, 500000, null);
        float[] scaled = RopeFrequencies.Compute(128, 500000, scaling);

        Assert.Equal(plain[0], scaled[0]);                                // wavelength 2π < 8192/4: unchanged
        Assert.Equal(plain[^1] / 8, scaled[^1], 6);                     // wavelength ≫ 8192: divided by factor
        int medium = Enumerable.Range(0, 64).First(i => 2 * Math.PI / plain[i] is > 2048 and < 8192);
        double smooth = (8192 / (2 * Math.PI / plain[medium]) - 1) / 3.0;
        Assert.Equal((1 - smooth) * plain[medium] / 8 + smooth * plain[medium], scaled[medium], 6);
    }

    [Fact]
    public void Unknown_scaling_type_is_rejected_by_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => RopeFrequencies.Compute(8, 10000, new RopeScalingConfig { Type = "yarn" }));

        Assert.Contains("yarn", error.Message);
    }
}
