using System.Text.RegularExpressions;

namespace Understudy.Engine.Tokenization.Normalizers;

/// <summary>Replaces a literal string or a regex with content (<c>"type": "Replace"</c>); also used as a decoder step.</summary>
public sealed class ReplaceNormalizer : INormalizer
{
    private readonly string? _literal;
    private readonly Regex? _regex;
    private readonly string _content;

    private ReplaceNormalizer(string? literal, Regex? regex, string content)
    {
        _literal = literal;
        _regex = regex;
        _content = content;
    }

    /// <summary>Replaces every occurrence of <paramref name="pattern"/>.</summary>
    public static ReplaceNormalizer Literal(string pattern, string content) => new(pattern, null, content);

    /// <summary>Replaces every match of <paramref name="pattern"/>.</summary>
    public static ReplaceNormalizer Regex(Regex pattern, string content) => new(null, pattern, content);

    /// <inheritdoc />
    public string Normalize(string text) => _regex is not null
        ? _regex.Replace(text, _content.Replace("$", "$$", StringComparison.Ordinal))
        : _literal!.Length == 0 ? text : text.Replace(_literal, _content, StringComparison.Ordinal);
}
