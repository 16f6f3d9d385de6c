using Understudy.Engine.Generation;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Generation;

public class TokenSamplerTests
{
    private static Tensor Logits => tensor(new[] { 2.0f, 1.0f, 0.5f, -1.0f, 3.0f });

    [Fact]
    public void Greedy_takes_the_argmax()
    {
        using var sampler = new TokenSampler(new GenerationOptions());

        Assert.Equal(4, sampler.Next(Logits, []));
    }

    [Fact]
    public void Repetition_penalty_divides_positive_and_multiplies_negative_logits_of_seen_tokens()
    {
        using var sampler = new TokenSampler(new GenerationOptions { RepetitionPenalty = 2.0 });

        Assert.Equal(0, sampler.Next(Logits, [4]));            // 3.0 / 2 = 1.5 < 2.0
    }

    [Fact]
    public void Top_p_keeps_only_the_smallest_set_reaching_p()
    {
        // softmax of [2, 1, 0.5, -1, 3]: token 4 alone has ≈ 0.61 probability.
        using var sampler = new TokenSampler(new GenerationOptions { DoSample = true, TopP = 0.5, Seed = 1 });

        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(4, sampler.Next(Logits, [])));
    }

    [Fact]
    public void Min_p_drops_tokens_far_below_the_most_likely()
    {
        using var sampler = new TokenSampler(new GenerationOptions { DoSample = true, MinP = 0.3, Seed = 2 });

        var picks = Enumerable.Range(0, 200).Select(_ => sampler.Next(Logits, [])).ToHashSet();

        Assert.Subset(new HashSet<int> { 0, 4 }, picks);       // p(1)/p(4) = e^-2 ≈ 0.14 < 0.3
        Assert.Contains(0, picks);
    }

    [Fact]
    public void Top_k_limits_sampling_to_the_k_most_likely()
    {
        using var sampler = new TokenSampler(new GenerationOptions { DoSample = true, TopK = 2, Temperature = 5, Seed = 3 });

        var picks = Enumerable.Range(0, 200).Select(_ => sampler.Next(Logits, [])).ToHashSet();

        Assert.Equal(new HashSet<int> { 0, 4 }, picks);
    }

    [Fact]
    public void Invalid_options_are_rejected_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationOptions { TopP = 1.5 }.Validate());

        Assert.Contains("top_p", error.Message);
    }
}
