namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>
/// A variable frame. Lookups fall through to the parent; assignments stay in this frame, which gives Jinja's
/// rule that a <c>set</c> inside a loop body (or macro) is not seen outside it.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);

    public Scope? Parent { get; } = parent;

    public object? Lookup(string name)
    {
        for (Scope? scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.TryGetValue(name, out object? value)) return value;
        }
        return Undefined.Name(name);
    }

    public void Set(string name, object? value) => _variables[name] = value;
}
