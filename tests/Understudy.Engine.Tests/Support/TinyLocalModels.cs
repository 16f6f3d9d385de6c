using Understudy.Engine.Generation;
using Understudy.Engine.Inference;

namespace Understudy.Engine.Tests.Support;

/// <summary>A tiny random Llama with the character tokenizer, as a <see cref="LocalModel"/>.</summary>
public static class TinyLocalModels
{
    public static LocalModel Create(int maxNewTokens = 16, double std = 0.5) =>
        new("tiny-llama", TinyModels.Create(TinyModels.Llama(), std: std), new CharacterTokenizer(),
            new GenerationOptions { MaxNewTokens = maxNewTokens, EosTokenIds = [2] });

    /// <summary>Joins the messages' lower-cased text, dropping characters the test alphabet lacks (a stand-in for a chat template).</summary>
    public static string Format(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> messages) =>
        string.Concat(string.Join(" ", messages.Select(m => m.Text.ToLowerInvariant())).Where(c => CharacterTokenizer.Alphabet.Contains(c)));
}
