namespace Understudy.Engine.Tests.Tokenization;

/// <summary>Multilingual, code- and emoji-heavy texts (NFC) that every tokenizer must give back unchanged.</summary>
internal static class RoundTripCorpus
{
    public static IReadOnlyList<string> Texts { get; } =
    [
        "Hello, world!",
        "  leading spaces and trailing spaces   ",
        "Tabs\tand\nnewlines\r\nand a blank line\n\n\nend",
        "Ünïcödé façade naïve coöperate – “quotes” and ‘single’ … ellipsis",
        "日本語のテキストと漢字、ひらがな、カタカナ。",
        "中文：你好，世界！这是一个测试。",
        "한국어 문장도 잘 처리해야 합니다.",
        "Русский текст с ёлками и ЪЫЬ.",
        "Ελληνικά: Καλημέρα κόσμε",
        "עברית ו-العربية: مرحبا بالعالم",
        "हिन्दी में एक वाक्य। தமிழ் உரை. ภาษาไทย",
        "Emoji: 😀😃😄 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇫🇷 ❤️ 🤖",
        "Math: ∑_{i=1}^{n} x_i² ≤ ∞, √2 ≈ 1.41421356, 𝔘𝔫𝔡𝔢𝔯𝔰𝔱𝔲𝔡𝔶",
        "def fib(n: int) -> int:\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
        "public static async Task<int> Main(string[] args) { await Console.Out.WriteLineAsync($\"{args.Length}\"); return 0; }",
        "SELECT id, name FROM users WHERE email LIKE '%@example.com' ORDER BY created_at DESC;",
        "{\"key\": [1, 2.5, -3e10, null, true], \"nested\": {\"a\": \"b\\n\"}}",
        "<div class=\"x\">&amp; &lt;tag&gt;</div> <!-- comment -->",
        "Numbers 1234567890 3.14159 1,000,000 0x1F 1e-9 -42",
        "Mixed 123abc ABC123 snake_case camelCase kebab-case SCREAMING_CASE",
        "   \t  \n  ",
        "a",
        "Don't you're we'll I'VE they'D it's",
        "!!!???...,,,;;;:::---===+++***///\\\\|||",
        "\u00a0non-breaking\u00a0spaces\u2009thin\u3000ideographic",
        "Control \u0001\u0002 chars and zero\u200bwidth\u200dthings\ufeff",
    ];
}
