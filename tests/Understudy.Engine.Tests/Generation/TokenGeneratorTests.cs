using Understudy.Engine.Generation;
using Understudy.Engine.Models;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Generation;

public class TokenGeneratorTests
{
    private static readonly GenerationOptions Greedy = new() { MaxNewTokens = 12 };

    [Fact]
    public void Cached_greedy_decoding_matches_full_recomputation_at_every_step()
    {
        using var model = TinyModels.Create(TinyModels.Llama(), std: 0.5);
        int[] prompt = [1, 7, 30, 12];

        var cached = new TokenGenerator(model).Generate([new TokenGenerationRequest(prompt, Greedy)])[0].TokenIds;

        var sequence = prompt.ToList();
        using (no_grad())
        {
            for (int i = 0; i < Greedy.MaxNewTokens; i++)
            {
                using var ids = tensor(sequence.Select(t => (long)t).ToArray()).unsqueeze(0);
                using var logits = model.call(ModelInput.ForSequence(ids));
                sequence.Add((int)logits[0, -1].argmax().item<long>());
            }
        }
        Assert.Equal(sequence.Skip(prompt.Length), cached);
    }

    [Fact]
    public void Batched_left_padded_greedy_decoding_equals_each_prompt_alone()
    {
        using var model = TinyModels.Create(TinyModels.Llama(), std: 0.5);
        var generator = new TokenGenerator(model);
        int[][] prompts = [[1, 5], [1, 9, 44, 3, 27, 8], [1, 50, 2, 19]];

        var alone = prompts.Select(p => generator.Generate([new TokenGenerationRequest(p, Greedy)])[0].TokenIds).ToArray();
        var together = generator.Generate(prompts.Select(p => new TokenGenerationRequest(p, Greedy)).ToArray());

        for (int i = 0; i < prompts.Length; i++) Assert.Equal(alone[i], together[i].TokenIds);
        Assert.NotEqual(alone[0], alone[1]);
    }

    [Fact]
    public void Eos_token_ends_the_row_and_is_not_returned()
    {
        using var model = TinyModels.Create(TinyModels.Llama(), std: 0.5);
        var generator = new TokenGenerator(model);
        var free = generator.Generate([new TokenGenerationRequest([1, 7], Greedy)])[0].TokenIds;
        int eos = free[3];
        int firstEos = free.ToList().IndexOf(eos);

        var result = generator.Generate([new TokenGenerationRequest([1, 7], Greedy with { EosTokenIds = [eos] })])[0];

        Assert.Equal(GenerationFinishReason.EndOfSequence, result.FinishReason);
        Assert.Equal(free.Take(firstEos), result.TokenIds);
    }

    [Fact]
    public void Max_new_tokens_bounds_the_output_and_reports_length()
    {
        using var model = TinyModels.Create(TinyModels.Llama(), std: 0.5);

        var result = new TokenGenerator(model).Generate([new TokenGenerationRequest([1, 7], Greedy with { MaxNewTokens = 5 })])[0];

        Assert.Equal(5, result.TokenIds.Count);
        Assert.Equal(GenerationFinishReason.Length, result.FinishReason);
        Assert.Equal(2, result.PromptTokenCount);
    }

    [Fact]
    public void OnToken_returning_true_stops_the_row_keeping_that_token()
    {
        using var model = TinyModels.Create(TinyModels.Llama(), std: 0.5);
        var seen = new List<int>();
        var request = new TokenGenerationRequest([1, 7], Greedy) { OnToken = (id, all) => { seen.Add(id); return all.Count == 3; } };

        var result = new TokenGenerator(model).Generate([request])[0];

        Assert.Equal(GenerationFinishReason.StopSequence, result.FinishReason);
        Assert.Equal(seen, result.TokenIds);
        Assert.Equal(3, result.TokenIds.Count);
    }

    [Fact]
    public void Sampling_with_a_seed_is_reproducible_and_rows_in_a_batch_keep_their_own_streams()
    {
        using var model = TinyModels.Create(TinyModels.Llama(), std: 0.1);
        var generator = new TokenGenerator(model);
        var sample = Greedy with { DoSample = true, Temperature = 1.5, MaxNewTokens = 16, Seed = 42 };

        var first = generator.Generate([new TokenGenerationRequest([1, 7], sample)])[0].TokenIds;
        var again = generator.Generate([new TokenGenerationRequest([1, 7], sample)])[0].TokenIds;
        var batched = generator.Generate([new TokenGenerationRequest([1, 3, 4, 9], sample with { Seed = 1 }), new TokenGenerationRequest([1, 7], sample)]);
        var otherSeed = generator.Generate([new TokenGenerationRequest([1, 7], sample with { Seed = 43 })])[0].TokenIds;

        Assert.Equal(first, again);
        Assert.Equal(first, batched[1].TokenIds);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Sampling_with_top_k_of_one_is_greedy()
    {
        using var model = TinyModels.Create(TinyModels.Llama(), std: 0.5);
        var generator = new TokenGenerator(model);

        var greedy = generator.Generate([new TokenGenerationRequest([1, 7], Greedy)])[0].TokenIds;
        var topOne = generator.Generate([new TokenGenerationRequest([1, 7], Greedy with { DoSample = true, TopK = 1, Seed = 5 })])[0].TokenIds;

        Assert.Equal(greedy, topOne);
    }
}
