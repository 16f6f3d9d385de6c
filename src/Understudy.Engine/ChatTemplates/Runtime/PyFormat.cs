using System.Globalization;
using System.Text;

namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>Python's text forms of floats (<c>repr</c>: shortest round-trip, <c>1e-05</c>, <c>1.0</c>) and strings.</summary>
internal static class PyFormat
{
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        (string digits, int exponent) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        string sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16)
        {
            string mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return $"{sign}{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }
        int point = exponent + 1;
        if (point <= 0) return $"{sign}0.{new string('0', -point)}{digits}";
        if (point >= digits.Length) return $"{sign}{digits}{new string('0', point - digits.Length)}.0";
        return $"{sign}{digits[..point]}.{digits[point..]}";
    }

    /// <summary>Significant digits and the decimal exponent of the first digit, from .NET's round-trip text.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        int exponent = 0;
        int e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        int dot = text.IndexOf('.');
        string integer = dot < 0 ? text : text[..dot];
        string fraction = dot < 0 ? "" : text[(dot + 1)..];
        string digits = integer + fraction;
        int pointPosition = integer.Length + exponent;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        if (digits.Length == 0) return ("0", 0);
        return (digits, pointPosition - leadingZeros - 1);
    }

    /// <summary>Appends Python's <c>repr</c> of a string: single quotes unless it holds only single quotes.</summary>
    public static void AppendStringRepr(StringBuilder builder, string text)
    {
        char quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        builder.Append(quote);
        foreach (Rune rune in text.EnumerateRunes())
        {
            int c = rune.Value;
            if (c == quote || c == '\\') builder.Append('\\').Append((char)c);
            else if (c == '\n') builder.Append("\\n");
            else if (c == '\r') builder.Append("\\r");
            else if (c == '\t') builder.Append("\\t");
            else if (IsPrintable(rune)) builder.Append(rune.ToString());
            else if (c < 0x100) builder.Append($"\\x{c:x2}");
            else if (c < 0x10000) builder.Append($"\\u{c:x4}");
            else builder.Append($"\\U{c:x8}");
        }
        builder.Append(quote);
    }

    private static bool IsPrintable(Rune rune)
    {
        if (rune.Value == ' ') return true;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
