using Understudy.Engine.Generation;
using Understudy.Engine.Inference;
using Understudy.Engine.Scheduling;
using Understudy.Engine.Tests.Support;

namespace Understudy.Engine.Tests.Scheduling;

/// <summary>Models, requests and stream collection shared by the scheduler specifications.</summary>
internal static class SchedulerTestKit
{
    /// <summary>Greedy, no EOS: every sequence runs to exactly <paramref name="maxNewTokens"/>.</summary>
    public static GenerationOptions Greedy(int maxNewTokens = 12) => new() { MaxNewTokens = maxNewTokens };

    public static LocalModel Model(string family = "llama") =>
        new("tiny-" + family, TinyModels.Create(TinyModels.Family(family), std: 0.5), new CharacterTokenizer(),
            new GenerationOptions { MaxNewTokens = 16, EosTokenIds = [2] });

    /// <summary>A prompt of <paramref name="length"/> ids drawn from the character alphabet (BOS first).</summary>
    public static int[] Prompt(int length, int seed)
    {
        var random = new Random(seed);
        return [1, .. Enumerable.Range(0, length - 1).Select(_ => random.Next(3, 61))];
    }

    /// <summary>What the static-batch <see cref="TokenGenerator"/> produces for the prompt alone.</summary>
    public static IReadOnlyList<int> Alone(LocalModel model, int[] prompt, GenerationOptions options) =>
        model.Tokens.Generate([new TokenGenerationRequest(prompt, options)])[0].TokenIds;

    public static async Task<Collected> CollectAsync(this IAsyncEnumerable<GeneratedToken> stream)
    {
        var items = new List<GeneratedToken>();
        await foreach (var item in stream) items.Add(item);
        return new Collected(items);
    }
}

/// <summary>A whole stream: its items, the generated ids, the text and the closing item.</summary>
internal sealed record Collected(IReadOnlyList<GeneratedToken> Items)
{
    public IReadOnlyList<int> TokenIds => Items.Where(i => i.TokenId is not null).Select(i => i.TokenId!.Value).ToArray();

    public string Text => string.Concat(Items.Select(i => i.Text));

    public GeneratedToken Last => Items[^1];
}
