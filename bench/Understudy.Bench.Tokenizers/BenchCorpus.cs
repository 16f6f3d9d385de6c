namespace Understudy.Bench.Tokenizers;

/// <summary>Prose, code, multilingual and emoji text, repeated to a few hundred kilobytes.</summary>
internal static class BenchCorpus
{
    private static readonly string[] Seeds =
    [
        "The quick brown fox jumps over the lazy dog. In 2024, 3.5 million people visited the museum; admission was $12.50.",
        "def fib(n: int) -> int:\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\nprint([fib(i) for i in range(10)])\n",
        "public static async Task<int> Main(string[] args) { await Console.Out.WriteLineAsync($\"{args.Length}\"); return 0; }",
        "Les élèves ont étudié la géométrie à l'école. Der Bär läuft über die Straße. El niño comió una manzana.",
        "日本語のテキストと漢字、ひらがな、カタカナ。中文：你好，世界！这是一个测试。한국어 문장도 잘 처리해야 합니다.",
        "Emoji 😀😃 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 and JSON {\"key\": [1, 2.5, null], \"ok\": true} with   extra   spaces\n\n",
    ];

    /// <summary>The seeds, each repeated with a distinct numbered suffix; <paramref name="salt"/> makes another distinct set.</summary>
    public static IReadOnlyList<string> Build(int repeat, int salt)
    {
        var texts = new List<string>();
        for (int i = 0; i < repeat; i++)
        {
            foreach (string seed in Seeds) texts.Add($"{seed} #{salt}-{i}");
        }
        return texts;
    }
}
