using System.Text;

namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>The Python <c>str</c> methods chat templates call (<c>strip</c>, <c>split</c>, <c>startswith</c>, …).</summary>
internal static class StringMethods
{
    public static TemplateFunction? Bind(string text, string name)
    {
        Func<IReadOnlyList<object?>, IReadOnlyDictionary<string, object?>, object?>? body = name switch
        {
            "strip" => (a, _) => PyStrings.Strip(text, OptionalString(a, 0), true, true),
            "lstrip" => (a, _) => PyStrings.Strip(text, OptionalString(a, 0), true, false),
            "rstrip" => (a, _) => PyStrings.Strip(text, OptionalString(a, 0), false, true),
            "split" => (a, k) => PyStrings.Split(text, TemplateFunction.Argument(a, k, 0, "sep", null) as string,
                TemplateFunction.Argument(a, k, 1, "maxsplit", -1L) is long max ? max : -1),
            "startswith" => (a, _) => Affixes(a).Any(p => text.StartsWith(p, StringComparison.Ordinal)),
            "endswith" => (a, _) => Affixes(a).Any(p => text.EndsWith(p, StringComparison.Ordinal)),
            "upper" => (_, _) => text.ToUpperInvariant(),
            "lower" => (_, _) => text.ToLowerInvariant(),
            "title" => (_, _) => Filters.Title(text),
            "capitalize" => (_, _) => PyStrings.Capitalize(text),
            "replace" => (a, _) => Replace(text, RequireString(a, 0), RequireString(a, 1), a.Count > 2 ? PyValues.ToLong(a[2]) : -1),
            "find" => (a, _) => (long)text.IndexOf(RequireString(a, 0), StringComparison.Ordinal),
            "count" => (a, _) => (long)CountOccurrences(text, RequireString(a, 0)),
            "join" => (a, _) => string.Join(text, PyValues.Iterate(a.Count > 0 ? a[0] : null).Select(PyValues.ToStr)),
            "isdigit" => (_, _) => text.Length > 0 && text.All(char.IsDigit),
            "isalpha" => (_, _) => text.Length > 0 && text.All(char.IsLetter),
            "isspace" => (_, _) => text.Length > 0 && text.All(c => PyStrings.IsSpace(c)),
            "islower" => (_, _) => text.Any(char.IsLetter) && !text.Any(char.IsUpper),
            "isupper" => (_, _) => text.Any(char.IsLetter) && !text.Any(char.IsLower),
            "format" => (a, k) => Format(text, a, k),
            _ => null,
        };
        return body is null ? null : new TemplateFunction("str." + name, body);
    }

    private static string? OptionalString(IReadOnlyList<object?> args, int index) =>
        index < args.Count ? args[index] as string : null;

    private static string RequireString(IReadOnlyList<object?> args, int index) =>
        index < args.Count && args[index] is string s ? s : throw new TemplateRuntimeException($"argument {index + 1} must be a string");

    private static IEnumerable<string> Affixes(IReadOnlyList<object?> args) => args.Count == 0
        ? throw new TemplateRuntimeException("startswith/endswith needs an argument")
        : args[0] is string single ? [single] : PyValues.Iterate(args[0]).Select(PyValues.ToStr);

    private static string Replace(string text, string old, string replacement, long count)
    {
        if (count < 0) return old.Length == 0 ? text : text.Replace(old, replacement, StringComparison.Ordinal);
        var builder = new StringBuilder();
        int from = 0;
        for (long done = 0; done < count; done++)
        {
            int at = text.IndexOf(old, from, StringComparison.Ordinal);
            if (at < 0) break;
            builder.Append(text, from, at - from).Append(replacement);
            from = at + old.Length;
        }
        return builder.Append(text, from, text.Length - from).ToString();
    }

    private static int CountOccurrences(string text, string part)
    {
        if (part.Length == 0) return text.Length + 1;
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary><c>str.format</c> with <c>{}</c>, <c>{0}</c> and <c>{name}</c> fields (no format specs).</summary>
    private static string Format(string text, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        var builder = new StringBuilder();
        int automatic = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                builder.Append(c);
                i++;
                continue;
            }
            if (c != '{')
            {
                builder.Append(c);
                continue;
            }
            int close = text.IndexOf('}', i);
            if (close < 0) throw new TemplateRuntimeException("Single '{' encountered in format string");
            string field = text[(i + 1)..close];
            object? value = field.Length == 0 ? At(args, automatic++)
                : int.TryParse(field, out int position) ? At(args, position)
                : kwargs.TryGetValue(field, out object? named) ? named : throw new TemplateRuntimeException($"KeyError: '{field}'");
            builder.Append(PyValues.ToStr(value));
            i = close;
        }
        return builder.ToString();
    }

    private static object? At(IReadOnlyList<object?> args, int index) =>
        index < args.Count ? args[index] : throw new TemplateRuntimeException("Replacement index out of range for positional args tuple");
}
