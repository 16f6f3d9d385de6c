namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>
/// Jinja's default <c>Undefined</c>: prints as empty, is falsy, iterates as empty, has length 0, and fails with
/// <see cref="Hint"/> when used in arithmetic or attribute access.
/// </summary>
internal sealed class Undefined(string hint)
{
    /// <summary>Why the value is undefined, e.g. <c>'x' is undefined</c>.</summary>
    public string Hint { get; } = hint;

    public static Undefined Name(string name) => new($"'{name}' is undefined");

    public static Undefined Attribute(object? target, string name) => new($"'{PyValues.TypeName(target)} object' has no attribute '{name}'");

    public TemplateRuntimeException Fail() => new(Hint);

    public override string ToString() => "";
}
