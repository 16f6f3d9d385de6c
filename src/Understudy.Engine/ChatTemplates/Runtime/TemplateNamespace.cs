namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>The object <c>namespace(...)</c> returns: attributes that <c>{% set ns.x = … %}</c> may change from inside loops.</summary>
internal sealed class TemplateNamespace
{
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}
