using System.Globalization;
using System.Text.RegularExpressions;

namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>
/// Jinja's built-in filters that chat templates use, with HF's <c>tojson</c> (<c>ensure_ascii=False</c>,
/// no HTML escaping). Unknown filters fail with their name.
/// </summary>
internal static partial class Filters
{
    public static object? Apply(string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        object? Arg(int index, string keyword, object? fallback) => TemplateFunction.Argument(args, kwargs, index, keyword, fallback);
        switch (name)
        {
            case "trim": return PyStrings.Strip(PyValues.ToStr(value), Arg(0, "chars", null) as string, true, true);
            case "tojson":
                return PyJson.Dumps(Defined(value), Arg(1, "indent", null) is long indent ? (int)indent : null,
                    PyValues.IsTruthy(Arg(0, "ensure_ascii", false)), PyValues.IsTruthy(Arg(3, "sort_keys", false)));
            case "length" or "count": return PyValues.Length(value);
            case "string": return PyValues.ToStr(value);
            case "safe": return value is Markup ? value : new Markup(PyValues.ToStr(value));
            case "escape" or "e": return value is Markup ? value : new Markup(Markup.Escape(PyValues.ToStr(value)));
            case "upper": return PyValues.ToStr(value).ToUpperInvariant();
            case "lower": return PyValues.ToStr(value).ToLowerInvariant();
            case "title": return Title(PyValues.ToStr(value));
            case "capitalize": return PyStrings.Capitalize(PyValues.ToStr(value));
            case "default" or "d":
                bool boolean = PyValues.IsTruthy(Arg(1, "boolean", false));
                return value is Undefined || (boolean && !PyValues.IsTruthy(value)) ? Arg(0, "default_value", "") : value;
            case "join":
                IEnumerable<object?> parts = PyValues.Iterate(value);
                if (Arg(1, "attribute", null) is string joinAttribute) parts = parts.Select(p => Members.GetItem(p, joinAttribute));
                return string.Join(PyValues.ToStr(Arg(0, "d", "")), parts.Select(PyValues.ToStr));
            case "first": return PyValues.Iterate(value) is { Count: > 0 } firstItems ? firstItems[0] : new Undefined("No first item, sequence was empty.");
            case "last": return PyValues.Iterate(value) is { Count: > 0 } lastItems ? lastItems[^1] : new Undefined("No last item, sequence was empty.");
            case "list": return PyValues.Iterate(value).ToList();
            case "items":
                if (value is Undefined) return new List<object?>();
                if (value is not Dictionary<string, object?> dict) throw new TemplateRuntimeException($"Can only get item pairs from a mapping, not {PyValues.TypeName(value)}");
                return dict.Select(p => (object?)new object?[] { p.Key, p.Value }).ToList();
            case "reverse": return value is string text ? string.Concat(PyStrings.CodePoints(text).AsEnumerable().Reverse()) : PyValues.Iterate(value).Reverse().ToList();
            case "selectattr" or "rejectattr": return SelectAttribute(value, args, keep: name == "selectattr");
            case "select" or "reject": return PyValues.Iterate(value).Where(item => Passes(item, args, 0) == (name == "select")).ToList();
            case "map": return Map(value, args, kwargs);
            case "unique": return Unique(value);
            case "sort": return Sort(value, PyValues.IsTruthy(Arg(0, "reverse", false)), Arg(2, "attribute", null) as string);
            case "dictsort": return Sort(Apply("items", value, [], kwargs), PyValues.IsTruthy(Arg(1, "reverse", false)), "0");
            case "int": return ToInt(value, Arg(0, "default", 0L));
            case "float": return ToFloat(value, Arg(0, "default", 0.0));
            case "abs": return value is long l ? (object)Math.Abs(l) : Math.Abs(PyValues.ToDouble(value));
            case "round": return Math.Round(PyValues.ToDouble(value), (int)PyValues.ToLong(Arg(0, "precision", 0L)), MidpointRounding.AwayFromZero);
            case "sum": return PyValues.Iterate(value).Aggregate(Arg(1, "start", 0L), (sum, item) => Operators.Apply("+", sum, Arg(0, "attribute", null) is string a ? Members.GetItem(item, a) : item));
            case "min" or "max":
                List<object?> sorted = Sort(value, false, Arg(1, "attribute", null) as string);
                return sorted.Count == 0 ? new Undefined($"No {name} item, sequence was empty.") : name == "min" ? sorted[0] : sorted[^1];
            case "replace":
                return Replace(PyValues.ToStr(value), PyValues.ToStr(Arg(0, "old", "")), PyValues.ToStr(Arg(1, "new", "")), Arg(2, "count", null));
            case "indent": return Indent(PyValues.ToStr(value), Arg(0, "width", 4L), PyValues.IsTruthy(Arg(1, "first", false)), PyValues.IsTruthy(Arg(2, "blank", false)));
            case "wordcount": return (long)PyStrings.Split(PyValues.ToStr(value), null, -1).Count;
            default: throw new TemplateRuntimeException($"no filter named '{name}'");
        }
    }

    public static string Title(string text) =>
        string.Concat(WordBeginnings().Split(text).Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()));

    [GeneratedRegex(@"([-\s({\[<]+)")]
    private static partial Regex WordBeginnings();

    private static object? Defined(object? value) => value is Undefined undefined ? throw undefined.Fail() : value;

    private static List<object?> SelectAttribute(object? value, IReadOnlyList<object?> args, bool keep)
    {
        if (args.Count == 0 || args[0] is not string attribute) throw new TemplateRuntimeException("selectattr/rejectattr needs an attribute name");
        return PyValues.Iterate(value).Where(item => Passes(Members.GetItem(item, attribute), args, 1) == keep).ToList();
    }

    private static bool Passes(object? value, IReadOnlyList<object?> args, int testIndex) =>
        args.Count <= testIndex
            ? PyValues.IsTruthy(value)
            : Tests.Apply(PyValues.ToStr(args[testIndex]), value, args.Skip(testIndex + 1).ToList());

    private static List<object?> Map(object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        IReadOnlyList<object?> items = PyValues.Iterate(value);
        if (kwargs.TryGetValue("attribute", out object? attribute))
        {
            return items.Select(item => Members.GetItem(item, attribute) is Undefined && kwargs.TryGetValue("default", out object? fallback)
                ? fallback
                : Members.GetItem(item, attribute)).ToList();
        }
        if (args.Count == 0) throw new TemplateRuntimeException("map needs a filter name or attribute=");
        string filter = PyValues.ToStr(args[0]);
        return items.Select(item => Apply(filter, item, args.Skip(1).ToList(), new Dictionary<string, object?>())).ToList();
    }

    private static List<object?> Unique(object? value)
    {
        var result = new List<object?>();
        foreach (object? item in PyValues.Iterate(value))
        {
            if (!result.Any(seen => PyValues.Equals(seen, item))) result.Add(item);
        }
        return result;
    }

    private static List<object?> Sort(object? value, bool reverse, string? attribute)
    {
        object? Key(object? item) => attribute is null ? item
            : long.TryParse(attribute, out long index) ? Members.GetItem(item, index) : Members.GetItem(item, attribute);
        var sorted = PyValues.Iterate(value).ToList();
        var keyed = sorted.Select((item, i) => (Item: item, Key: Key(item), Index: i)).ToList();
        keyed.Sort((a, b) => PyValues.Compare(a.Key, b.Key) is var order && order != 0 ? (reverse ? -order : order) : a.Index.CompareTo(b.Index));
        return keyed.Select(k => k.Item).ToList();
    }

    private static object? ToInt(object? value, object? fallback)
    {
        switch (value)
        {
            case long or bool: return PyValues.ToLong(value);
            case double d: return double.IsFinite(d) ? (long)d : fallback;
            case string s:
                string trimmed = s.Trim().Replace("_", "", StringComparison.Ordinal);
                if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)) return parsed;
                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && double.IsFinite(real) ? (long)real : fallback;
            default: return fallback;
        }
    }

    private static object? ToFloat(object? value, object? fallback) => value switch
    {
        long or bool or double => PyValues.ToDouble(value),
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        _ => fallback,
    };

    private static string Replace(string text, string old, string replacement, object? count) =>
        StringMethods.Bind(text, "replace")!.Invoke(count is long n ? [old, replacement, n] : [old, replacement], new Dictionary<string, object?>()) as string ?? text;

    private static string Indent(string text, object? width, bool first, bool blank)
    {
        string indentation = width is string s ? s : new string(' ', (int)PyValues.ToLong(width));
        text += "\n";
        List<string> lines = text.Split('\n').SkipLast(1).ToList();
        string result;
        if (blank) result = string.Join("\n" + indentation, lines);
        else
        {
            result = lines.Count > 0 ? lines[0] : "";
            if (lines.Count > 1) result += "\n" + string.Join("\n", lines.Skip(1).Select(line => line.Length > 0 ? indentation + line : line));
        }
        return first ? indentation + result : result;
    }
}
