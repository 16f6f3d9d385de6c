using Understudy.Pipelines.Curation;

namespace Understudy.Pipelines.Tests.Curation;

public sealed class MinHasherTests
{
    [Fact]
    public void Hash_is_64_bit_FNV_1a_of_the_UTF8_bytes()
    {
        Assert.Equal(0xcbf29ce484222325UL, MinHasher.Hash(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, MinHasher.Hash("a"));
        Assert.Equal(0x85944171f73967e8UL, MinHasher.Hash("foobar"));
    }

    [Fact]
    public void Signature_is_the_minimum_of_each_permutation_over_the_shingle_hashes()
    {
        var hasher = new MinHasher(numPerm: 16, seed: 7);
        string[] shingles = ["alpha", "beta", "gamma"];

        ulong[] signature = hasher.Signature(shingles);

        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(shingles.Min(s => hasher.Permute(i, MinHasher.Hash(s))), signature[i]);
            Assert.True(signature[i] < MinHasher.Prime);
        }
    }

    [Fact]
    public void Permute_is_an_affine_map_modulo_the_Mersenne_prime()
    {
        var hasher = new MinHasher(numPerm: 4, seed: 1);
        // (a·x + b) mod p: the values at x and x + p agree, and three equally spaced inputs give equally spaced outputs mod p.
        for (int i = 0; i < 4; i++)
        {
            ulong y0 = hasher.Permute(i, 10), y1 = hasher.Permute(i, 11), y2 = hasher.Permute(i, 12);
            Assert.Equal(hasher.Permute(i, 10), hasher.Permute(i, 10 + MinHasher.Prime));
            Assert.Equal((y1 + MinHasher.Prime - y0) % MinHasher.Prime, (y2 + MinHasher.Prime - y1) % MinHasher.Prime);
        }
    }

    [Fact]
    public void Signatures_depend_only_on_the_set_and_the_seed()
    {
        ulong[] first = new MinHasher(32, 42).Signature(["x", "y"]);

        Assert.Equal(first, new MinHasher(32, 42).Signature(["y", "x", "x"]));
        Assert.NotEqual(first, new MinHasher(32, 43).Signature(["x", "y"]));
    }

    [Fact]
    public void EstimateJaccard_is_the_share_of_equal_positions_and_zero_for_an_empty_set()
    {
        Assert.Equal(0.5, MinHasher.EstimateJaccard([1, 2, 3, 4], [1, 2, 9, 9]));
        Assert.Equal(1.0, MinHasher.EstimateJaccard([5, 6], [5, 6]));
        ulong[] empty = new MinHasher(4, 1).Signature([]);
        Assert.Equal(0.0, MinHasher.EstimateJaccard(empty, empty));
        Assert.Throws<ArgumentException>(() => MinHasher.EstimateJaccard([1], [1, 2]));
    }

    [Fact]
    public void EstimateJaccard_approximates_the_true_Jaccard_similarity()
    {
        // {0..99} and {50..149}: 50 shared of 150 distinct, J = 1/3; the estimate's standard error at 512 permutations is 0.02.
        var hasher = new MinHasher(512, 2024);
        var first = hasher.Signature(Enumerable.Range(0, 100).Select(i => $"s{i}"));
        var second = hasher.Signature(Enumerable.Range(50, 100).Select(i => $"s{i}"));

        Assert.InRange(MinHasher.EstimateJaccard(first, second), 1.0 / 3 - 0.08, 1.0 / 3 + 0.08);
    }
}
