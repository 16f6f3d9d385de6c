namespace Understudy.Engine.Generation.Constraints;

/// <summary>
/// A recogniser of JSON text prefixes (RFC 8259), one character at a time: a value is an object or an array at the
/// top level, strings hold no raw control characters, numbers follow the JSON grammar, and runs of whitespace
/// outside strings are capped so a constrained model cannot pad forever. A plain struct, so checking a candidate
/// token is a copy and a few steps.
/// </summary>
public struct JsonPrefix
{
    /// <summary>Nesting depth the recogniser tracks (one bit per level).</summary>
    public const int MaxDepth = 64;

    /// <summary>Longest run of whitespace accepted outside strings.</summary>
    public const int MaxWhitespaceRun = 64;

    private static readonly string[] Literals = ["true", "false", "null"];

    private Mode _mode;
    private ulong _objects;       // bit d set: level d is an object (else an array)
    private int _depth;
    private int _counter;         // literal: index into Literals * 8 + position; \u escape: hex digits left
    private bool _key;            // the string being read is an object key
    private int _whitespace;

    private enum Mode : byte
    {
        Start, Value, FirstValueOrClose, FirstKeyOrClose, Key, Colon, AfterValue, Done,
        String, Escape, Unicode, Literal,
        Minus, Zero, Integer, Dot, Fraction, Exponent, ExponentSign, ExponentDigits,
    }

    /// <summary>True inside a string's text (not in an escape), where any plain character may follow.</summary>
    public readonly bool IsInStringText => _mode == Mode.String;

    /// <summary>True once a complete top-level value has been read.</summary>
    public readonly bool IsComplete => _mode == Mode.Done;

    /// <summary>Reads <paramref name="text"/>; false (and the state undefined) when it cannot continue a JSON value.</summary>
    public bool TryAdvance(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!TryAdvance(c)) return false;
        }
        return true;
    }

    /// <summary>Reads one character; false when it cannot continue a JSON value.</summary>
    public bool TryAdvance(char c)
    {
        switch (_mode)
        {
            case Mode.String:
                if (c == '"') { _mode = _key ? Mode.Colon : Mode.AfterValue; return true; }
                if (c == '\\') { _mode = Mode.Escape; return true; }
                return c >= ' ';
            case Mode.Escape:
                if (c == 'u') { _mode = Mode.Unicode; _counter = 4; return true; }
                if (c is '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't') { _mode = Mode.String; return true; }
                return false;
            case Mode.Unicode:
                if (!char.IsAsciiHexDigit(c)) return false;
                if (--_counter == 0) _mode = Mode.String;
                return true;
            case Mode.Literal:
                string literal = Literals[_counter >> 3];
                int position = _counter & 7;
                if (c != literal[position]) return false;
                if (position + 1 == literal.Length) _mode = Mode.AfterValue;
                else _counter++;
                return true;
        }
        if (IsNumber(_mode)) return AdvanceNumber(c);
        if (c is ' ' or '\t' or '\n' or '\r')
        {
            if (_mode is Mode.Colon or Mode.Key or Mode.FirstKeyOrClose or Mode.Value or Mode.FirstValueOrClose or Mode.AfterValue or Mode.Start or Mode.Done)
                return ++_whitespace <= MaxWhitespaceRun;
            return false;
        }
        _whitespace = 0;
        switch (_mode)
        {
            case Mode.Start:
                return c is '{' or '[' && Open(c);
            case Mode.Value:
                return StartValue(c);
            case Mode.FirstValueOrClose:
                return c == ']' ? Close(c) : StartValue(c);
            case Mode.FirstKeyOrClose:
                if (c == '}') return Close(c);
                goto case Mode.Key;
            case Mode.Key:
                if (c != '"') return false;
                (_mode, _key) = (Mode.String, true);
                return true;
            case Mode.Colon:
                if (c != ':') return false;
                _mode = Mode.Value;
                return true;
            case Mode.AfterValue:
                if (c == ',') { _mode = InObject ? Mode.Key : Mode.Value; return true; }
                return c is '}' or ']' && Close(c);
            default:
                return false;   // Done: only whitespace may follow
        }
    }

    private readonly bool InObject => _depth > 0 && (_objects >> (_depth - 1) & 1) == 1;

    private static bool IsNumber(Mode mode) => mode >= Mode.Minus;

    private bool StartValue(char c)
    {
        switch (c)
        {
            case '{' or '[': return Open(c);
            case '"': (_mode, _key) = (Mode.String, false); return true;
            case '-': _mode = Mode.Minus; return true;
            case '0': _mode = Mode.Zero; return true;
            case >= '1' and <= '9': _mode = Mode.Integer; return true;
            case 't': (_mode, _counter) = (Mode.Literal, (0 << 3) | 1); return true;
            case 'f': (_mode, _counter) = (Mode.Literal, (1 << 3) | 1); return true;
            case 'n': (_mode, _counter) = (Mode.Literal, (2 << 3) | 1); return true;
            default: return false;
        }
    }

    private bool Open(char c)
    {
        if (_depth == MaxDepth) return false;
        if (c == '{') _objects |= 1UL << _depth;
        else _objects &= ~(1UL << _depth);
        _depth++;
        _mode = c == '{' ? Mode.FirstKeyOrClose : Mode.FirstValueOrClose;
        return true;
    }

    private bool Close(char c)
    {
        if (_depth == 0 || (c == '}') != InObject) return false;
        _depth--;
        _mode = _depth == 0 ? Mode.Done : Mode.AfterValue;
        return true;
    }

    private bool AdvanceNumber(char c)
    {
        bool digit = char.IsAsciiDigit(c);
        switch (_mode)
        {
            case Mode.Minus:
                if (!digit) return false;
                _mode = c == '0' ? Mode.Zero : Mode.Integer;
                return true;
            case Mode.Zero or Mode.Integer or Mode.Fraction:
                if (digit && _mode != Mode.Zero) return true;
                if (c == '.' && _mode != Mode.Fraction) { _mode = Mode.Dot; return true; }
                if (c is 'e' or 'E') { _mode = Mode.Exponent; return true; }
                break;
            case Mode.Dot:
                if (!digit) return false;
                _mode = Mode.Fraction;
                return true;
            case Mode.Exponent:
                if (c is '+' or '-') { _mode = Mode.ExponentSign; return true; }
                if (!digit) return false;
                _mode = Mode.ExponentDigits;
                return true;
            case Mode.ExponentSign:
                if (!digit) return false;
                _mode = Mode.ExponentDigits;
                return true;
            case Mode.ExponentDigits:
                if (digit) return true;
                break;
        }
        // The number ended where it may end: the character belongs to what follows the value.
        _mode = Mode.AfterValue;
        return TryAdvance(c);
    }
}
