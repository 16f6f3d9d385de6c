using System.Text;

namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>Python's <c>str()</c> and <c>repr()</c> of template values: <c>None</c>, <c>True</c>, <c>[1, 'a']</c>, <c>{'k': 1.0}</c>, <c>(1,)</c>.</summary>
internal static class PyRepr
{
    /// <summary>Python's <c>str(value)</c> (Jinja's output of <c>{{ value }}</c>).</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        Markup markup => markup.Text,
        Undefined => "",
        _ => Repr(value),
    };

    /// <summary>Python's <c>repr(value)</c>.</summary>
    public static string Repr(object? value)
    {
        var builder = new StringBuilder();
        AppendRepr(builder, value);
        return builder.ToString();
    }

    private static void AppendRepr(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null: builder.Append("None"); break;
            case bool b: builder.Append(b ? "True" : "False"); break;
            case long l: builder.Append(l.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case double d: builder.Append(PyFormat.Float(d)); break;
            case string s: PyFormat.AppendStringRepr(builder, s); break;
            case Markup markup: builder.Append("Markup("); PyFormat.AppendStringRepr(builder, markup.Text); builder.Append(')'); break;
            case Undefined: break;
            case List<object?> list: AppendItems(builder, "[", list, "]"); break;
            case object?[] tuple: AppendItems(builder, "(", tuple, tuple.Length == 1 ? ",)" : ")"); break;
            case Dictionary<string, object?> dict:
                builder.Append('{');
                bool first = true;
                foreach ((string key, object? item) in dict)
                {
                    if (!first) builder.Append(", ");
                    first = false;
                    PyFormat.AppendStringRepr(builder, key);
                    builder.Append(": ");
                    AppendRepr(builder, item);
                }
                builder.Append('}');
                break;
            case TemplateNamespace ns: builder.Append("<Namespace ").Append(Repr(new Dictionary<string, object?>(ns.Attributes))).Append('>'); break;
            default: builder.Append('<').Append(PyValues.TypeName(value)).Append('>'); break;
        }
    }

    private static void AppendItems(StringBuilder builder, string open, IEnumerable<object?> items, string close)
    {
        builder.Append(open);
        bool first = true;
        foreach (object? item in items)
        {
            if (!first) builder.Append(", ");
            first = false;
            AppendRepr(builder, item);
        }
        builder.Append(close);
    }
}
