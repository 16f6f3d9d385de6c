namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>Jinja's tests (<c>x is defined</c>, <c>is none</c>, <c>is string</c>, <c>is equalto y</c>, …).</summary>
internal static class Tests
{
    public static bool Apply(string name, object? value, IReadOnlyList<object?> args)
    {
        object? Arg() => args.Count > 0 ? args[0] : throw new TemplateRuntimeException($"the '{name}' test needs an argument");
        return name switch
        {
            "defined" => value is not Undefined,
            "undefined" => value is Undefined,
            "none" => value is null,
            "string" => value is string or Markup,
            "number" => value is long or double,
            "integer" => value is long,
            "float" => value is double,
            "boolean" => value is bool,
            "true" => value is true,
            "false" => value is false,
            "mapping" => value is Dictionary<string, object?> or TemplateNamespace,
            "iterable" => value is string or List<object?> or object?[] or Dictionary<string, object?> or Undefined,
            "sequence" => value is string or List<object?> or object?[] or Dictionary<string, object?>,
            "callable" => value is TemplateFunction,
            "equalto" or "eq" or "==" or "sameas" => PyValues.Equals(value, Arg()),
            "ne" or "!=" => !PyValues.Equals(value, Arg()),
            "lt" or "lessthan" or "<" => PyValues.Compare(value, Arg()) < 0,
            "le" or "<=" => PyValues.Compare(value, Arg()) <= 0,
            "gt" or "greaterthan" or ">" => PyValues.Compare(value, Arg()) > 0,
            "ge" or ">=" => PyValues.Compare(value, Arg()) >= 0,
            "in" => PyValues.Contains(Arg(), value),
            "odd" => PyValues.ToLong(value) % 2 != 0,
            "even" => PyValues.ToLong(value) % 2 == 0,
            "divisibleby" => PyValues.ToLong(value) % PyValues.ToLong(Arg()) == 0,
            "lower" => value is string lower && lower == lower.ToLowerInvariant(),
            "upper" => value is string upper && upper == upper.ToUpperInvariant(),
            _ => throw new TemplateRuntimeException($"no test named '{name}'"),
        };
    }
}
