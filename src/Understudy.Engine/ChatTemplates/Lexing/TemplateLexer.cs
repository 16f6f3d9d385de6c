namespace Understudy.Engine.ChatTemplates.Lexing;

/// <summary>
/// Splits template source into text and tag tokens as Jinja2 does with <c>trim_blocks</c> and
/// <c>lstrip_blocks</c> on (Hugging Face's settings): <c>{%-</c>/<c>-%}</c> strip all whitespace on that side,
/// <c>{%+</c> disables lstrip, a block or comment tag eats the newline after it, and whitespace before a block
/// or comment tag that starts its line is dropped. One trailing newline of the source is dropped.
/// </summary>
internal sealed partial class TemplateLexer
{
    private readonly string _source;
    private readonly List<TemplateToken> _tokens = [];
    private int _position;
    private List<int>? _lineStarts;

    private TemplateLexer(string source) => _source = source;

    public static List<TemplateToken> Tokenize(string source)
    {
        string normalized = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (normalized.EndsWith('\n')) normalized = normalized[..^1];
        var lexer = new TemplateLexer(normalized);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        bool lineStarting = true;
        bool stripNextText = false;
        while (_position <= _source.Length)
        {
            int tagStart = FindTagStart(_position);
            int textEnd = tagStart < 0 ? _source.Length : tagStart;
            int textStart = _position;
            if (stripNextText)
            {
                while (textStart < textEnd && IsSpace(_source[textStart])) textStart++;
                lineStarting = textStart > _position ? _source[textStart - 1] == '\n' : lineStarting;
            }
            string text = _source[textStart..textEnd];
            if (tagStart < 0)
            {
                AddText(text, textStart);
                break;
            }

            char kind = _source[tagStart + 1];
            char modifier = tagStart + 2 < _source.Length ? _source[tagStart + 2] : '\0';
            if (modifier == '-') text = text.TrimEnd(SpaceChars);
            else if (modifier != '+' && kind != '{') text = LeftStripLine(text, lineStarting);
            AddText(text, textStart);

            _position = tagStart + 2 + (modifier is '-' or '+' ? 1 : 0);
            (stripNextText, lineStarting) = kind switch
            {
                '#' => SkipComment(tagStart),
                '%' => LexTag(tagStart, TokenKind.BlockBegin, TokenKind.BlockEnd, '%'),
                _ => LexTag(tagStart, TokenKind.VariableBegin, TokenKind.VariableEnd, '}'),
            };
        }
        _tokens.Add(Token(TokenKind.End, "", _source.Length));
    }

    private static string LeftStripLine(string text, bool lineStarting)
    {
        int lineStart = text.LastIndexOf('\n') + 1;
        if (lineStart == 0 && !lineStarting) return text;
        for (int i = lineStart; i < text.Length; i++)
        {
            if (!IsSpace(text[i])) return text;
        }
        return text[..lineStart];
    }

    private (bool StripNext, bool LineStarting) SkipComment(int tagStart)
    {
        int end = _source.IndexOf("#}", _position, StringComparison.Ordinal);
        if (end < 0) throw Error("the comment is never closed with '#}'", tagStart);
        char modifier = _source[end - 1];
        _position = end + 2;
        return AfterTagEnd(modifier, trims: true);
    }

    private (bool StripNext, bool LineStarting) AfterTagEnd(char modifier, bool trims)
    {
        if (modifier == '-') return (true, false);
        if (modifier != '+' && trims && _position < _source.Length && _source[_position] == '\n')
        {
            _position++;
            return (false, true);
        }
        return (false, false);
    }

    private void AddText(string text, int start)
    {
        if (text.Length > 0) _tokens.Add(Token(TokenKind.Text, text, start));
    }

    private int FindTagStart(int from)
    {
        for (int i = _source.IndexOf('{', from); i >= 0 && i + 1 < _source.Length; i = _source.IndexOf('{', i + 1))
        {
            char next = _source[i + 1];
            if (next is '{' or '%' or '#') return i;
        }
        return -1;
    }

    private static readonly char[] SpaceChars = [' ', '\t', '\n', '\r', '\f', '\v'];

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    private TemplateToken Token(TokenKind kind, string value, int offset)
    {
        (int line, int column) = LineAndColumn(offset);
        return new TemplateToken(kind, value, line, column);
    }

    private (int Line, int Column) LineAndColumn(int offset)
    {
        _lineStarts ??= BuildLineStarts(_source);
        int index = _lineStarts.BinarySearch(offset);
        int line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    private static List<int> BuildLineStarts(string source)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n') starts.Add(i + 1);
        }
        return starts;
    }

    private ChatTemplateException Error(string message, int offset)
    {
        (int line, int column) = LineAndColumn(offset);
        return new ChatTemplateException(message, line, column);
    }
}
