using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Kernels;

public class DecodeAttentionTests
{
    public DecodeAttentionTests() => Assert.SkipUnless(SkinnyLinear.IsSupportedByHardware, "this CPU has no AVX2+FMA");

    [Theory]
    [InlineData(1, 4, 2, 16, 9, false, null)]
    [InlineData(3, 6, 3, 12, 21, true, null)]      // head dim not a multiple of the vector width, padding blocked
    [InlineData(2, 4, 1, 16, 5, true, 0.7)]        // multi-query, soft-capped
    public void Single_query_attention_over_cache_views_matches_explicit_softmax(
        int batch, int heads, int kvHeads, int headDim, int length, bool withMask, double? softCap)
    {
        var generator = new Generator(31);
        using var qkv = randn(batch, 1, heads + 2 * kvHeads, headDim, generator: generator);
        using var queries = qkv.narrow(2, 0, heads);                                   // strided view, as in Attention
        using var keyCache = randn(batch, kvHeads, length + 7, headDim, generator: generator);
        using var valueCache = randn(batch, kvHeads, length + 7, headDim, generator: generator);
        using var keys = keyCache.narrow(2, 0, length);
        using var values = valueCache.narrow(2, 0, length);
        using var blocked = withMask ? (rand(new long[] { batch, 1, 1, 1, length }, generator: generator) < 0.3).logical_and(arange(length) > 0) : null;
        double scale = 1 / Math.Sqrt(headDim);
        using var noGrad = no_grad();

        using var actual = DecodeAttention.TryAttend(queries, keys, values, blocked, scale, softCap);
        using var expected = Reference(queries, keys, values, blocked, scale, softCap);

        Assert.NotNull(actual);
        Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-5), $"max diff {(actual - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void Batches_above_the_decode_size_bound_are_left_to_libtorch()
    {
        int batch = SkinnyLinear.MaxInputRows + 1;
        using var noGrad = no_grad();
        using var queries = randn(batch, 1, 4, 8);
        using var keys = randn(batch, 2, 5, 8);
        using var values = randn(batch, 2, 5, 8);

        Assert.Null(DecodeAttention.TryAttend(queries, keys, values, null, 0.35, null));
    }

    [Fact]
    public void More_than_one_query_position_is_left_to_the_eager_path()
    {
        using var queries = randn(1, 2, 4, 8);
        using var keys = randn(1, 2, 5, 8);
        using var noGrad = no_grad();

        Assert.Null(DecodeAttention.TryAttend(queries, keys, keys, null, 0.3, null));
    }

    /// <summary>Per head: softmax over keys of the head's group, written out with explicit loops over heads.</summary>
    private static Tensor Reference(Tensor queries, Tensor keys, Tensor values, Tensor? blocked, double scale, double? cap)
    {
        long batch = queries.shape[0], heads = queries.shape[2], headDim = queries.shape[3], kvHeads = keys.shape[1];
        var rows = new List<Tensor>();
        for (long b = 0; b < batch; b++)
        {
            for (long h = 0; h < heads; h++)
            {
                long g = h / (heads / kvHeads);
                Tensor scores = mv(keys[b, g].to_type(ScalarType.Float64), queries[b, 0, h].to_type(ScalarType.Float64)) * scale;
                if (cap is double c) scores = (scores / c).tanh() * c;
                if (blocked is not null) scores = scores.masked_fill(blocked[blocked.shape[0] == 1 ? 0 : b, 0, 0, 0], double.MinValue);
                rows.Add(mv(values[b, g].to_type(ScalarType.Float64).t(), scores.softmax(0)));
            }
        }
        return stack(rows).view(batch, 1, heads * headDim).to_type(ScalarType.Float32);
    }
}
