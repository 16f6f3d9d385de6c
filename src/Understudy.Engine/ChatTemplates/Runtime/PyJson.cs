using System.Globalization;
using System.Text;

namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>
/// Python's <c>json.dumps</c> as HF's <c>tojson</c> calls it (<c>ensure_ascii=False</c> by default): separators
/// <c>", "</c>/<c>": "</c>, or <c>","</c> and newlines with <c>indent</c>; floats in Python's repr.
/// </summary>
internal static class PyJson
{
    public static string Dumps(object? value, int? indent, bool ensureAscii, bool sortKeys)
    {
        var builder = new StringBuilder();
        Write(builder, value, indent, ensureAscii, sortKeys, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, int? indent, bool ascii, bool sort, int depth)
    {
        switch (value)
        {
            case null: builder.Append("null"); break;
            case bool b: builder.Append(b ? "true" : "false"); break;
            case long l: builder.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case double d:
                builder.Append(double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyFormat.Float(d));
                break;
            case string s: WriteString(builder, s, ascii); break;
            case List<object?> or object?[]:
                WriteContainer(builder, '[', ']', (IList<object?>)value, indent, depth, (item, d) => Write(builder, item, indent, ascii, sort, d));
                break;
            case Dictionary<string, object?> dict:
                IEnumerable<KeyValuePair<string, object?>> pairs = sort ? dict.OrderBy(p => p.Key, StringComparer.Ordinal) : dict;
                WriteContainer(builder, '{', '}', pairs.ToList(), indent, depth, (pair, d) =>
                {
                    WriteString(builder, pair.Key, ascii);
                    builder.Append(": ");
                    Write(builder, pair.Value, indent, ascii, sort, d);
                });
                break;
            default:
                throw new TemplateRuntimeException($"Object of type {PyValues.TypeName(value)} is not JSON serializable");
        }
    }

    private static void WriteContainer<T>(StringBuilder builder, char open, char close, IList<T> items, int? indent, int depth, Action<T, int> writeItem)
    {
        builder.Append(open);
        if (items.Count == 0)
        {
            builder.Append(close);
            return;
        }
        for (int i = 0; i < items.Count; i++)
        {
            if (indent is int width) builder.Append(i == 0 ? "\n" : ",\n").Append(' ', width * (depth + 1));
            else if (i > 0) builder.Append(", ");
            writeItem(items[i], depth + 1);
        }
        if (indent is int closing) builder.Append('\n').Append(' ', closing * depth);
        builder.Append(close);
    }

    private static void WriteString(StringBuilder builder, string text, bool ascii)
    {
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || (ascii && c > 0x7E)) builder.Append($"\\u{(int)c:x4}");
                    else builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }
}
