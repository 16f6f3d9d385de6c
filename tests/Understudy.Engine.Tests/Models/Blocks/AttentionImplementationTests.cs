using Understudy.Engine.Models;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Models.Blocks;

public class AttentionImplementationTests
{
    [Theory]
    [InlineData("llama")]
    [InlineData("qwen3")]
    [InlineData("mistral")]
    [InlineData("gemma")]
    [InlineData("gemma2")]
    [InlineData("phi3")]
    public void Sdpa_and_eager_give_the_same_logits_with_left_padding_and_segments(string family)
    {
        ModelConfig config = TinyModels.Family(family);
        using var sdpa = TinyModels.Create(config with { AttnImplementation = AttentionImplementations.Sdpa });
        using var eager = TinyModels.Create(config with { AttnImplementation = AttentionImplementations.Eager });
        using var scope = NewDisposeScope();
        // Row 0 is left-padded by two slots (its first two queries see no valid key); row 1 packs two segments.
        Tensor ids = tensor(new long[,] { { 0, 0, 5, 9, 3, 7, 2 }, { 4, 8, 1, 6, 3, 5, 9 } });
        Tensor positions = tensor(new long[,] { { 0, 0, 0, 1, 2, 3, 4 }, { 0, 1, 2, 0, 1, 2, 3 } });
        Tensor valid = tensor(new bool[,] { { false, false, true, true, true, true, true }, { true, true, true, true, true, true, true } });
        Tensor segments = tensor(new long[,] { { 0, 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 1, 1, 1, 1 } });
        var input = new ModelInput(ids, positions, ValidSlots: valid, SegmentIds: segments);

        Tensor fused = sdpa.call(input);
        Tensor plain = eager.call(input);

        Assert.False(fused.isnan().any().item<bool>());
        Assert.True(fused.allclose(plain, rtol: 1e-4, atol: 1e-5), $"max diff {(fused - plain).abs().max().item<float>()}");
    }

    [Fact]
    public void An_unknown_attention_implementation_is_rejected_naming_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => AttentionImplementations.Validate("flash_attention_2"));

        Assert.Contains("attn_implementation 'flash_attention_2' is not supported (use sdpa or eager)", error.Message, StringComparison.Ordinal);
    }
}
