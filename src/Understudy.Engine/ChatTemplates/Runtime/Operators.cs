using System.Text;

namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>Python arithmetic and concatenation: <c>+ - * / // % **</c> and Jinja's <c>~</c>.</summary>
internal static class Operators
{
    public static object? Apply(string op, object? left, object? right)
    {
        if (op == "~") return PyValues.ToStr(left) + PyValues.ToStr(right);
        if (op == "+" && (left is Markup || right is Markup) && left is not Undefined && right is not Undefined) return Markup.Concat(left, right);
        left = PyValues.Unwrap(left);
        right = PyValues.Unwrap(right);
        if (left is Undefined l) throw l.Fail();
        if (right is Undefined r) throw r.Fail();
        return op switch
        {
            "+" => Add(left, right),
            "-" => Numeric(left, right, op, (a, b) => a - b, (a, b) => a - b),
            "*" => Multiply(left, right),
            "/" => PyValues.ToDouble(RequireNumber(left, op, right)) / NonZero(PyValues.ToDouble(RequireNumber(right, op, left))),
            "//" => Numeric(left, right, op, (a, b) => FloorDiv(a, b), (a, b) => Math.Floor(a / NonZero(b))),
            "%" => left is string format ? Percent(format, right) : Numeric(left, right, op, Mod, (a, b) => a - (b * Math.Floor(a / NonZero(b)))),
            "**" => Power(left, right),
            _ => throw new TemplateRuntimeException($"unknown operator '{op}'"),
        };
    }

    private static object? Add(object? left, object? right) => (left, right) switch
    {
        (string a, string b) => a + b,
        (List<object?> a, List<object?> b) => a.Concat(b).ToList(),
        (object?[] a, object?[] b) => a.Concat(b).ToArray(),
        _ when PyValues.IsNumber(left) && PyValues.IsNumber(right) => Numeric(left, right, "+", (a, b) => a + b, (a, b) => a + b),
        (string, _) => throw new TemplateRuntimeException($"can only concatenate str (not \"{PyValues.TypeName(right)}\") to str"),
        (List<object?>, _) => throw new TemplateRuntimeException($"can only concatenate list (not \"{PyValues.TypeName(right)}\") to list"),
        _ => throw Unsupported("+", left, right),
    };

    private static object? Multiply(object? left, object? right) => (left, right) switch
    {
        (string s, long n) => string.Concat(Enumerable.Repeat(s, (int)Math.Max(0, n))),
        (long n, string s) => string.Concat(Enumerable.Repeat(s, (int)Math.Max(0, n))),
        (List<object?> list, long n) => Enumerable.Repeat(list, (int)Math.Max(0, n)).SelectMany(x => x).ToList(),
        _ => Numeric(left, right, "*", (a, b) => a * b, (a, b) => a * b),
    };

    private static object? Power(object? left, object? right)
    {
        if (left is long or bool && right is long or bool && PyValues.ToLong(right) >= 0)
            return (long)Math.Pow(PyValues.ToLong(left), PyValues.ToLong(right));
        return Math.Pow(PyValues.ToDouble(RequireNumber(left, "**", right)), PyValues.ToDouble(RequireNumber(right, "**", left)));
    }

    private static object? Numeric(object? left, object? right, string op, Func<long, long, long> integer, Func<double, double, double> real)
    {
        RequireNumber(left, op, right);
        RequireNumber(right, op, left);
        if (left is double || right is double) return real(PyValues.ToDouble(left), PyValues.ToDouble(right));
        return integer(PyValues.ToLong(left), PyValues.ToLong(right));
    }

    private static object? RequireNumber(object? value, string op, object? other) =>
        PyValues.IsNumber(value) ? value : throw Unsupported(op, value, other);

    private static long FloorDiv(long a, long b)
    {
        if (b == 0) throw new TemplateRuntimeException("integer division or modulo by zero");
        long quotient = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
    }

    private static long Mod(long a, long b)
    {
        if (b == 0) throw new TemplateRuntimeException("integer division or modulo by zero");
        long remainder = a % b;
        return remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder;
    }

    private static double NonZero(double value) => value != 0 ? value : throw new TemplateRuntimeException("division by zero");

    /// <summary><c>"%s and %d" % (a, b)</c> with <c>%s %d %i %r %%</c>.</summary>
    private static string Percent(string format, object? arguments)
    {
        IReadOnlyList<object?> values = arguments is object?[] tuple ? tuple : [arguments];
        var builder = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                builder.Append(format[i]);
                continue;
            }
            char spec = format[++i];
            if (spec == '%')
            {
                builder.Append('%');
                continue;
            }
            if (next >= values.Count) throw new TemplateRuntimeException("not enough arguments for format string");
            object? value = values[next++];
            builder.Append(spec switch
            {
                's' => PyValues.ToStr(value),
                'r' => PyValues.Repr(value),
                'd' or 'i' => PyValues.ToLong(value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new TemplateRuntimeException($"unsupported format character '{spec}'"),
            });
        }
        return builder.ToString();
    }

    private static TemplateRuntimeException Unsupported(string op, object? left, object? right) =>
        new($"unsupported operand type(s) for {op}: '{PyValues.TypeName(left)}' and '{PyValues.TypeName(right)}'");
}
