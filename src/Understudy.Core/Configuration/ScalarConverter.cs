using System.Globalization;

namespace Understudy.Core.Configuration;

/// <summary>Converts the text of one scalar (a YAML plain scalar or a flag value) to a CLR value.</summary>
internal static class ScalarConverter
{
    private static readonly string[] TrueWords = ["true", "yes", "on", "y"];
    private static readonly string[] FalseWords = ["false", "no", "off", "n"];

    /// <summary>Converts <paramref name="text"/> to <paramref name="type"/>, or returns false with what was expected.</summary>
    public static bool TryConvert(string text, Type type, out object? value, out string expected)
    {
        value = null;
        expected = Describe(type);
        var trimmed = text.Trim();
        var invariant = CultureInfo.InvariantCulture;
        if (type == typeof(string))
        {
            value = text;
            return true;
        }

        if (type == typeof(bool))
        {
            if (TrueWords.Contains(trimmed, StringComparer.OrdinalIgnoreCase)) { value = true; return true; }
            if (FalseWords.Contains(trimmed, StringComparer.OrdinalIgnoreCase)) { value = false; return true; }
            return false;
        }

        var integerText = trimmed.Replace("_", "", StringComparison.Ordinal);
        if (type == typeof(int))
        {
            var ok = int.TryParse(integerText, NumberStyles.AllowLeadingSign, invariant, out var number);
            value = number;
            return ok;
        }

        if (type == typeof(long))
        {
            var ok = long.TryParse(integerText, NumberStyles.AllowLeadingSign, invariant, out var number);
            value = number;
            return ok;
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            if (!double.TryParse(integerText, NumberStyles.Float, invariant, out var number) || !double.IsFinite(number))
            {
                return false;
            }

            value = type == typeof(double) ? number : type == typeof(float) ? (float)number : (decimal)number;
            return true;
        }

        if (type == typeof(TimeSpan))
        {
            var ok = DurationParser.TryParse(trimmed, out var duration);
            value = duration;
            return ok;
        }

        if (type == typeof(Uri))
        {
            var ok = Uri.TryCreate(trimmed, UriKind.Absolute, out var uri);
            value = uri;
            return ok;
        }

        if (type.IsEnum)
        {
            return EnumNames.TryParse(type, trimmed, out value);
        }

        throw new NotSupportedException($"Config values of type {type.Name} are not supported.");
    }

    /// <summary>What a value of <paramref name="type"/> looks like, for error messages.</summary>
    public static string Describe(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "an integer",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
        _ when type == typeof(TimeSpan) => "a duration such as 500ms, 30s, 5m, 2h or 01:30:00",
        _ when type == typeof(Uri) => "an absolute URL",
        _ when type.IsEnum => "one of " + string.Join(", ", EnumNames.All(type).Select(n => $"'{n}'")),
        _ => type.Name,
    };
}
