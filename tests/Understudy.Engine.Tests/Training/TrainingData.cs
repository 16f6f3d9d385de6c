using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Tests.Support;

namespace Understudy.Engine.Tests.Training;

/// <summary>Small supervised tasks in the character tokenizer's alphabet.</summary>
internal static class TrainingData
{
    /// <summary>"item X =" → a random 3-letter code + EOS, 20 examples; the code and EOS are the targets.</summary>
    public static IReadOnlyList<ChatTrainingExample> Codes(int count = 20, int seed = 3)
    {
        var tokenizer = new CharacterTokenizer();
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            string prompt = $"item {(char)('a' + i)}:";
            string code = new(Enumerable.Range(0, 3).Select(_ => (char)('a' + random.Next(26))).ToArray());
            var promptIds = tokenizer.Encode(prompt);                          // BOS + chars
            var answerIds = tokenizer.Encode(code, addSpecialTokens: false).Append(2).ToList();
            return new ChatTrainingExample([.. promptIds, .. answerIds],
                [.. Enumerable.Repeat(false, promptIds.Count), .. Enumerable.Repeat(true, answerIds.Count)]);
        }).ToList();
    }

    /// <summary>The answer ids of an example (its targets).</summary>
    public static int[] Targets(ChatTrainingExample example) => example.InputIds.Where((_, i) => example.IsTarget[i]).ToArray();

    /// <summary>The prompt ids of an example.</summary>
    public static int[] Prompt(ChatTrainingExample example) => example.InputIds.TakeWhile((_, i) => !example.IsTarget[i]).ToArray();
}
