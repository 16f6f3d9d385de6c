using Understudy.Pipelines.Synthesis;

namespace Understudy.Pipelines.Tests.Synthesis;

public sealed class SeedSamplerTests
{
    [Fact]
    public void IndexAt_uses_every_row_once_before_any_repeats()
    {
        var sampler = new SeedSampler(7, seed: 42);

        int[] firstEpoch = [.. Enumerable.Range(0, 7).Select(p => sampler.IndexAt(p))];
        int[] secondEpoch = [.. Enumerable.Range(7, 7).Select(p => sampler.IndexAt(p))];

        Assert.Equal(Enumerable.Range(0, 7), firstEpoch.Order());
        Assert.Equal(Enumerable.Range(0, 7), secondEpoch.Order());
    }

    [Fact]
    public void IndexAt_is_reproducible_from_the_seed_and_differs_between_seeds()
    {
        int[] Draw(int seed) => [.. Enumerable.Range(0, 20).Select(p => new SeedSampler(20, seed).IndexAt(p))];

        Assert.Equal(Draw(2024), Draw(2024));
        Assert.NotEqual(Draw(2024), Draw(2025));
        Assert.NotEqual(Enumerable.Range(0, 20), Draw(2024));
    }
}
