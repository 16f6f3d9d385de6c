using Understudy.Engine.Generation;
using Understudy.Engine.Models;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Models.Architectures;

public class FamilyNumericsTests
{
    public static TheoryData<string> Families => new(ModelArchitectures.Supported);

    private static readonly long[] Prompt = [1, 17, 5, 42, 9, 33, 60, 2, 11];

    [Theory]
    [MemberData(nameof(Families))]
    public void Logits_match_the_plain_reference_of_the_family(string family)
    {
        var config = TinyModels.Family(family);
        using var model = TinyModels.Create(config);
        using var noGrad = no_grad();

        using var ids = TinyModels.Ids(Prompt);
        using var logits = model.call(ModelInput.ForSequence(ids)).squeeze(0).to_type(ScalarType.Float64);
        using var expected = ReferenceDecoder.Logits(config, model.state_dict(), Prompt);

        Assert.True(logits.allclose(expected, rtol: 1e-4, atol: 1e-4), $"{family}: max diff {(logits - expected).abs().max().item<double>()}");
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Cached_batched_greedy_decoding_matches_full_recomputation(string family)
    {
        using var model = TinyModels.Create(TinyModels.Family(family), std: 0.5);
        var options = new GenerationOptions { MaxNewTokens = 8 };
        int[][] prompts = [[1, 7, 30, 12, 4], [1, 9]];

        var cached = new TokenGenerator(model).Generate(prompts.Select(p => new TokenGenerationRequest(p, options)).ToArray());

        using var noGrad = no_grad();
        for (int row = 0; row < prompts.Length; row++)
        {
            var sequence = prompts[row].ToList();
            for (int i = 0; i < options.MaxNewTokens; i++)
            {
                using var ids = tensor(sequence.Select(t => (long)t).ToArray()).unsqueeze(0);
                using var logits = model.call(ModelInput.ForSequence(ids));
                sequence.Add((int)logits[0, -1].argmax().item<long>());
            }
            Assert.Equal(sequence.Skip(prompts[row].Length), cached[row].TokenIds);
        }
    }

    [Fact]
    public void Gemma_ties_its_head_to_the_embeddings_by_default()
    {
        using var model = TinyModels.Create(TinyModels.Family("gemma"));

        Assert.True(model.TiedEmbeddings);
        Assert.DoesNotContain("lm_head.weight", model.state_dict().Keys);
    }
}
