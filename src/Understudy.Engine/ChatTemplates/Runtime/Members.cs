namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>
/// Attribute access (<c>x.name</c>: methods first, then dict keys, as Jinja's <c>getattr</c>) and subscripts
/// (<c>x[key]</c>: items first, then attributes); a missing member is <see cref="Undefined"/>.
/// </summary>
internal static class Members
{
    public static object? GetAttribute(object? target, string name)
    {
        switch (PyValues.Unwrap(target))
        {
            case Undefined undefined:
                throw undefined.Fail();
            case TemplateNamespace ns:
                return ns.Attributes.TryGetValue(name, out object? value) ? value : Undefined.Attribute(target, name);
            case LoopContext loop:
                return loop.Attribute(name);
            case string text:
                return (object?)StringMethods.Bind(text, name) ?? Undefined.Attribute(target, name);
            case Dictionary<string, object?> dict:
                return BindDictMethod(dict, name) ?? (dict.TryGetValue(name, out object? item) ? item : Undefined.Attribute(target, name));
            case List<object?> or object?[]:
                return (object?)BindListMethod((IList<object?>)target!, name) ?? Undefined.Attribute(target, name);
            default:
                return Undefined.Attribute(target, name);
        }
    }

    public static object? GetItem(object? target, object? key)
    {
        key = PyValues.Unwrap(key);
        switch (PyValues.Unwrap(target))
        {
            case Undefined undefined:
                throw undefined.Fail();
            case Dictionary<string, object?> dict:
                if (key is string k && dict.TryGetValue(k, out object? value)) return value;
                return key is string name ? (object?)BindDictMethod(dict, name) ?? Undefined.Attribute(target, name) : Undefined.Attribute(target, PyValues.ToStr(key));
            case List<object?> or object?[] when key is long or bool:
                var list = (IList<object?>)target!;
                long index = PyValues.ToLong(key);
                if (index < 0) index += list.Count;
                return index >= 0 && index < list.Count ? list[(int)index] : new Undefined($"{PyValues.TypeName(target)} index out of range");
            case string text when key is long or bool:
                List<string> points = PyStrings.CodePoints(text);
                long at = PyValues.ToLong(key);
                if (at < 0) at += points.Count;
                return at >= 0 && at < points.Count ? points[(int)at] : new Undefined("string index out of range");
            default:
                return key is string attribute ? GetAttribute(target, attribute) : Undefined.Attribute(target, PyValues.ToStr(key));
        }
    }

    /// <summary>Python slicing <c>[start:stop:step]</c> of lists, tuples and strings.</summary>
    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        long stride = step is null or Undefined ? 1 : PyValues.ToLong(step);
        if (stride == 0) throw new TemplateRuntimeException("slice step cannot be zero");
        target = PyValues.Unwrap(target);
        IReadOnlyList<object?> items = target switch
        {
            string text => PyStrings.CodePoints(text).Cast<object?>().ToList(),
            List<object?> list => list,
            object?[] tuple => tuple,
            Undefined undefined => throw undefined.Fail(),
            _ => throw new TemplateRuntimeException($"'{PyValues.TypeName(target)}' object is not subscriptable"),
        };
        int count = items.Count;
        long Bound(object? value, long fallback)
        {
            if (value is null or Undefined) return fallback;
            long bound = PyValues.ToLong(value);
            if (bound < 0) bound += count;
            return stride > 0 ? Math.Clamp(bound, 0, count) : Math.Clamp(bound, -1, count - 1);
        }
        long from = Bound(start, stride > 0 ? 0 : count - 1);
        long to = Bound(stop, stride > 0 ? count : -1);
        var result = new List<object?>();
        for (long i = from; stride > 0 ? i < to : i > to; i += stride) result.Add(items[(int)i]);
        return target switch
        {
            string => string.Concat(result.Cast<string>()),
            object?[] => result.ToArray(),
            _ => result,
        };
    }

    private static TemplateFunction? BindDictMethod(Dictionary<string, object?> dict, string name) => name switch
    {
        "items" => new TemplateFunction("dict.items", (_, _) => dict.Select(p => (object?)new object?[] { p.Key, p.Value }).ToList()),
        "keys" => new TemplateFunction("dict.keys", (_, _) => dict.Keys.Cast<object?>().ToList()),
        "values" => new TemplateFunction("dict.values", (_, _) => dict.Values.ToList()),
        "get" => new TemplateFunction("dict.get", (args, kwargs) =>
            args.Count > 0 && args[0] is string key && dict.TryGetValue(key, out object? value)
                ? value
                : TemplateFunction.Argument(args, kwargs, 1, "default", null)),
        "copy" => new TemplateFunction("dict.copy", (_, _) => new Dictionary<string, object?>(dict)),
        "append" or "pop" or "update" or "clear" or "setdefault" or "popitem" => Immutable("dict", name),
        _ => null,
    };

    private static TemplateFunction? BindListMethod(IList<object?> list, string name) => name switch
    {
        "index" => new TemplateFunction("list.index", (args, _) =>
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (args.Count > 0 && PyValues.Equals(list[i], args[0])) return (long)i;
            }
            throw new TemplateRuntimeException("list.index(x): x not in list");
        }),
        "count" => new TemplateFunction("list.count", (args, _) => (long)list.Count(item => args.Count > 0 && PyValues.Equals(item, args[0]))),
        "append" or "pop" or "extend" or "insert" or "remove" or "clear" or "sort" or "reverse" => Immutable("list", name),
        _ => null,
    };

    private static TemplateFunction Immutable(string type, string name) => new($"{type}.{name}", (_, _) =>
        throw new TemplateRuntimeException($"access to {type}.{name} is unsafe: chat templates render in an immutable sandbox"));
}
