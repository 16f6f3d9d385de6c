namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>
/// Python semantics for template values: <c>None</c>=null, bool, long, double, string, <c>List&lt;object?&gt;</c>
/// (list), <c>object?[]</c> (tuple), <c>Dictionary&lt;string, object?&gt;</c> (dict, insertion-ordered).
/// </summary>
internal static class PyValues
{
    /// <summary>Markup behaves as the string it holds everywhere except <c>+</c>.</summary>
    public static object? Unwrap(object? value) => value is Markup markup ? markup.Text : value;

    public static string TypeName(object? value) => value switch
    {
        Markup => "Markup",
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        List<object?> => "list",
        object?[] => "tuple",
        Dictionary<string, object?> => "dict",
        TemplateNamespace => "Namespace",
        LoopContext => "LoopContext",
        TemplateFunction => "function",
        Undefined => "Undefined",
        _ => value.GetType().Name,
    };

    public static bool IsTruthy(object? value) => Unwrap(value) switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> list => list.Count > 0,
        object?[] tuple => tuple.Length > 0,
        Dictionary<string, object?> dict => dict.Count > 0,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new TemplateRuntimeException($"expected a number, got {TypeName(value)}"),
    };

    public static new bool Equals(object? left, object? right)
    {
        left = Unwrap(left);
        right = Unwrap(right);
        if (left is Undefined || right is Undefined) return left is Undefined && right is Undefined;
        if (IsNumber(left) && IsNumber(right))
            return left is double || right is double ? ToDouble(left) == ToDouble(right) : ToLong(left) == ToLong(right);
        return (left, right) switch
        {
            (null, null) => true,
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (List<object?> a, List<object?> b) => a.Count == b.Count && a.Zip(b).All(p => Equals(p.First, p.Second)),
            (object?[] a, object?[] b) => a.Length == b.Length && a.Zip(b).All(p => Equals(p.First, p.Second)),
            (Dictionary<string, object?> a, Dictionary<string, object?> b) =>
                a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out object? other) && Equals(kv.Value, other)),
            _ => ReferenceEquals(left, right),
        };
    }

    public static int Compare(object? left, object? right)
    {
        left = Unwrap(left);
        right = Unwrap(right);
        if (IsNumber(left) && IsNumber(right)) return ToDouble(left).CompareTo(ToDouble(right));
        if (left is string a && right is string b) return string.CompareOrdinal(a, b);
        if (left is IList<object?> x && right is IList<object?> y)
        {
            for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                if (!Equals(x[i], y[i])) return Compare(x[i], y[i]);
            }
            return x.Count.CompareTo(y.Count);
        }
        throw new TemplateRuntimeException($"'<' not supported between instances of '{TypeName(left)}' and '{TypeName(right)}'");
    }

    public static long ToLong(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        double d => (long)d,
        _ => throw new TemplateRuntimeException($"expected an integer, got {TypeName(value)}"),
    };

    /// <summary>Python's <c>str(value)</c> (Jinja's output of <c>{{ value }}</c>).</summary>
    public static string ToStr(object? value) => PyRepr.Str(value);

    /// <summary>Python's <c>repr(value)</c>.</summary>
    public static string Repr(object? value) => PyRepr.Repr(value);

    /// <summary>Python's <c>len(value)</c>; strings count code points.</summary>
    public static long Length(object? value) => Unwrap(value) switch
    {
        string s => PyStrings.CodePointCount(s),
        List<object?> list => list.Count,
        object?[] tuple => tuple.Length,
        Dictionary<string, object?> dict => dict.Count,
        TemplateNamespace ns => ns.Attributes.Count,
        Undefined => 0,
        _ => throw new TemplateRuntimeException($"object of type '{TypeName(value)}' has no len()"),
    };

    /// <summary>The items Python's <c>for</c> would visit: list/tuple items, dict keys, string characters.</summary>
    public static IReadOnlyList<object?> Iterate(object? value) => Unwrap(value) switch
    {
        List<object?> list => list,
        object?[] tuple => tuple,
        Dictionary<string, object?> dict => dict.Keys.Cast<object?>().ToList(),
        string s => PyStrings.CodePoints(s).Cast<object?>().ToList(),
        Undefined => [],
        _ => throw new TemplateRuntimeException($"'{TypeName(value)}' object is not iterable"),
    };

    /// <summary>Python's <c>needle in haystack</c>.</summary>
    public static bool Contains(object? haystack, object? needle) => Unwrap(haystack) switch
    {
        string s when Unwrap(needle) is string n => s.Contains(n, StringComparison.Ordinal),
        string => throw new TemplateRuntimeException($"'in <string>' requires string as left operand, not {TypeName(needle)}"),
        Dictionary<string, object?> dict => needle is string key && dict.ContainsKey(key),
        Undefined => false,
        var other => Iterate(other).Any(item => Equals(item, needle)),
    };
}
