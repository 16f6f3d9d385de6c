using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Kernels;

public class WeightArenaTests
{
    [Fact]
    public void Tensors_from_an_arena_are_aligned_disjoint_views_that_outlive_it()
    {
        Tensor a, b, c;
        using (var arena = WeightArena.Begin())
        {
            a = WeightArena.Empty([37, 13], ScalarType.Float32, CPU);
            b = WeightArena.Empty([5], ScalarType.Float32, CPU);
            c = WeightArena.Empty([3, 7], ScalarType.BFloat16, CPU);
            Assert.True(arena.UsedBytes >= (37 * 13 + 5) * 4 + 3 * 7 * 2);
        }
        using (a)
        using (b)
        using (c)
        {
            Assert.Equal(new long[] { 37, 13 }, a.shape);
            Assert.Equal(ScalarType.BFloat16, c.dtype);
            Assert.True(a.is_contiguous() && b.is_contiguous() && c.is_contiguous());
            Assert.All(new[] { a, b, c }, t => Assert.Equal(0, Address(t) % 64));
            // Written after the arena ended: each tensor keeps its own bytes.
            a.fill_(1f);
            b.fill_(2f);
            c.fill_(3f);
            Assert.Equal(37 * 13, a.sum().item<float>());
            Assert.Equal(10, b.sum().item<float>());
            Assert.Equal(63, c.to_type(ScalarType.Float32).sum().item<float>());
            Assert.True(Address(b) >= Address(a) + 37 * 13 * 4);
        }
    }

    [Fact]
    public void Outside_an_arena_or_off_the_cpu_or_for_integers_it_is_plain_empty()
    {
        using var outside = WeightArena.Empty([4, 4], ScalarType.Float32, CPU);
        using var arena = WeightArena.Begin();
        using var integers = WeightArena.Empty([4], ScalarType.Int64, CPU);
        using var meta = WeightArena.Empty([1000, 1000], ScalarType.Float32, META);
        using var inside = WeightArena.Empty([4, 4], ScalarType.Float32, CPU);

        Assert.Equal(64, arena.UsedBytes);           // only `inside` (64 bytes) came from the arena
        Assert.Equal(ScalarType.Int64, integers.dtype);
        Assert.Equal(TorchSharp.DeviceType.META, meta.device_type);
    }

    [Fact]
    public void Nested_arenas_restore_the_outer_one_when_they_end()
    {
        using var outer = WeightArena.Begin();
        using (var inner = WeightArena.Begin())
        {
            using var t = WeightArena.Empty([8], ScalarType.Float32, CPU);
            Assert.Equal(64, inner.UsedBytes);
        }
        using var u = WeightArena.Empty([8], ScalarType.Float32, CPU);
        Assert.Equal(64, outer.UsedBytes);
    }

    [Fact]
    public void A_weight_larger_than_a_block_gets_a_block_of_its_own()
    {
        using var arena = WeightArena.Begin();
        using var small = WeightArena.Empty([16], ScalarType.Float32, CPU);
        using var large = WeightArena.Empty([(65L << 20) / 4], ScalarType.Float32, CPU);    // 65 MB > the 64 MB blocks
        using var next = WeightArena.Empty([16], ScalarType.Float32, CPU);

        large.fill_(1f);
        small.fill_(2f);
        next.fill_(3f);

        Assert.Equal((65L << 20) / 4, large.sum(ScalarType.Float64).item<double>());
        Assert.Equal(32, small.sum().item<float>());
        Assert.Equal(Address(small) + 64, Address(next));             // the first block still had room
        Assert.True(arena.ReservedBytes >= (64L << 20) + (65L << 20));
    }

    private static unsafe long Address(Tensor tensor)
    {
        fixed (byte* data = tensor.bytes) return (long)data;
    }
}
