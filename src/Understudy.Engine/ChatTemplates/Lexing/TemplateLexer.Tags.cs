using System.Globalization;
using System.Text;

namespace Understudy.Engine.ChatTemplates.Lexing;

internal sealed partial class TemplateLexer
{
    private static readonly string[] Operators =
        ["//", "**", "==", "!=", "<=", ">=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", "<", ">", "=", ".", ":", "|", ",", ";"];

    /// <summary>Lexes the inside of <c>{{ }}</c> or <c>{% %}</c>; end delimiters only count outside brackets.</summary>
    private (bool StripNext, bool LineStarting) LexTag(int tagStart, TokenKind begin, TokenKind end, char closer)
    {
        _tokens.Add(Token(begin, _source.Substring(tagStart, 2), tagStart));
        int depth = 0;
        while (true)
        {
            while (_position < _source.Length && IsSpace(_source[_position])) _position++;
            if (_position >= _source.Length) throw Error($"the tag is never closed with '{closer}}}'", tagStart);

            if (depth == 0 && TryTagEnd(closer, out char modifier))
            {
                _tokens.Add(Token(end, closer + "}", _position - 2));
                return AfterTagEnd(modifier, trims: closer == '%');
            }

            char c = _source[_position];
            if (char.IsLetter(c) || c == '_') LexName();
            else if (char.IsAsciiDigit(c)) LexNumber();
            else if (c is '\'' or '"') LexString(c);
            else
            {
                string op = Operators.FirstOrDefault(o => string.CompareOrdinal(_source, _position, o, 0, o.Length) == 0)
                    ?? throw Error($"unexpected character '{c}'", _position);
                if (op is "(" or "[" or "{") depth++;
                if (op is ")" or "]" or "}") depth = Math.Max(0, depth - 1);
                _tokens.Add(Token(TokenKind.Operator, op, _position));
                _position += op.Length;
            }
        }
    }

    private bool TryTagEnd(char closer, out char modifier)
    {
        modifier = '\0';
        string plain = closer + "}";
        if (string.CompareOrdinal(_source, _position, plain, 0, 2) == 0)
        {
            _position += 2;
            return true;
        }
        char first = _source[_position];
        if (first is '-' or '+' && string.CompareOrdinal(_source, _position + 1, plain, 0, 2) == 0)
        {
            modifier = first;
            _position += 3;
            return true;
        }
        return false;
    }

    private void LexName()
    {
        int start = _position;
        while (_position < _source.Length && (char.IsLetterOrDigit(_source[_position]) || _source[_position] == '_')) _position++;
        _tokens.Add(Token(TokenKind.Name, _source[start.._position], start));
    }

    private void LexNumber()
    {
        int start = _position;
        bool isFloat = false;
        while (_position < _source.Length && (char.IsAsciiDigit(_source[_position]) || _source[_position] == '_')) _position++;
        if (_position + 1 < _source.Length && _source[_position] == '.' && char.IsAsciiDigit(_source[_position + 1]))
        {
            isFloat = true;
            _position++;
            while (_position < _source.Length && (char.IsAsciiDigit(_source[_position]) || _source[_position] == '_')) _position++;
        }
        if (_position < _source.Length && _source[_position] is 'e' or 'E')
        {
            int mark = _position++;
            if (_position < _source.Length && _source[_position] is '+' or '-') _position++;
            if (_position < _source.Length && char.IsAsciiDigit(_source[_position]))
            {
                isFloat = true;
                while (_position < _source.Length && char.IsAsciiDigit(_source[_position])) _position++;
            }
            else
            {
                _position = mark;
            }
        }
        string text = _source[start.._position].Replace("_", "", StringComparison.Ordinal);
        _tokens.Add(Token(isFloat ? TokenKind.Float : TokenKind.Integer, text, start));
    }

    private void LexString(char quote)
    {
        int start = _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _source.Length) throw Error("the string literal is never closed", start);
            char c = _source[_position++];
            if (c == quote) break;
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (_position >= _source.Length) throw Error("the string literal ends with a lone backslash", start);
            char escaped = _source[_position++];
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case '0': value.Append('\0'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'v': value.Append('\v'); break;
                case 'a': value.Append('\a'); break;
                case '\n': break;
                case 'x': value.Append(ReadHex(2, start)); break;
                case 'u': value.Append(ReadHex(4, start)); break;
                case 'U': value.Append(ReadHex(8, start)); break;
                case '\\' or '\'' or '"': value.Append(escaped); break;
                default: value.Append('\\').Append(escaped); break;
            }
        }
        _tokens.Add(Token(TokenKind.String, value.ToString(), start));
    }

    private string ReadHex(int digits, int start)
    {
        if (_position + digits > _source.Length
            || !int.TryParse(_source.AsSpan(_position, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
            throw Error($"a \\x/\\u escape needs {digits} hex digits", start);
        _position += digits;
        return char.ConvertFromUtf32(code);
    }
}
