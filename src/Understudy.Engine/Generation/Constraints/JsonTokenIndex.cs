using System.Runtime.CompilerServices;

namespace Understudy.Engine.Generation.Constraints;

/// <summary>
/// A vocabulary grouped for JSON masking, so a step checks a few thousand tokens instead of the whole vocabulary:
/// tokens that are plain string content (no quote, backslash or control character: any of them may follow inside a
/// string) and, for the rest of the grammar, buckets keyed by whether a token starts with whitespace and by its first
/// other character; a bucket whose key cannot continue the output is skipped whole. Built once per vocabulary.
/// </summary>
internal sealed class JsonTokenIndex
{
    private const int NonAscii = 128;
    private static readonly ConditionalWeakTable<IReadOnlyList<string?>, JsonTokenIndex> Cache = new();

    private JsonTokenIndex(IReadOnlyList<string?> texts)
    {
        var plain = new List<int>();
        var special = new List<int>();
        var buckets = new List<int>?[2, NonAscii + 1];
        var blank = new List<int>();
        for (int id = 0; id < texts.Count; id++)
        {
            if (texts[id] is not { } text) continue;
            if (IsPlainStringContent(text)) plain.Add(id);
            else special.Add(id);
            int lead = 0;
            while (lead < text.Length && IsWhitespace(text[lead])) lead++;
            if (lead == text.Length)
            {
                blank.Add(id);
                continue;
            }
            int key = text[lead] < NonAscii ? text[lead] : NonAscii;
            (buckets[lead > 0 ? 1 : 0, key] ??= []).Add(id);
        }
        PlainStringIds = [.. plain];
        OtherIds = [.. special];
        WhitespaceIds = [.. blank];
        Buckets = new int[2, NonAscii + 1][];
        for (int lead = 0; lead < 2; lead++)
        {
            for (int key = 0; key <= NonAscii; key++) Buckets[lead, key] = buckets[lead, key] is { } ids ? [.. ids] : [];
        }
    }

    /// <summary>Tokens any of which may follow inside a string.</summary>
    public int[] PlainStringIds { get; }

    /// <summary>Tokens that are not plain string content.</summary>
    public int[] OtherIds { get; }

    /// <summary>Tokens made only of whitespace.</summary>
    public int[] WhitespaceIds { get; }

    /// <summary>[starts with whitespace ? 1 : 0, first other character (128 = any non-ASCII)] → token ids.</summary>
    public int[,][] Buckets { get; }

    /// <summary>The character a bucket's key stands for (any non-ASCII character behaves alike in JSON).</summary>
    public static char KeyCharacter(int key) => key < NonAscii ? (char)key : 'é';

    public static JsonTokenIndex For(IReadOnlyList<string?> texts) => Cache.GetValue(texts, t => new JsonTokenIndex(t));

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';

    private static bool IsPlainStringContent(string text)
    {
        foreach (char c in text)
        {
            if (c is '"' or '\\' || c < ' ') return false;
        }
        return true;
    }
}
