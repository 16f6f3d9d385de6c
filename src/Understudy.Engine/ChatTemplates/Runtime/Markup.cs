using System.Net;

namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>
/// Jinja's <c>Markup</c> (what <c>|safe</c> and <c>|escape</c> return): a string marked safe. As in
/// MarkupSafe, <c>str + Markup</c> HTML-escapes the plain side — real templates (Mistral v3) depend on it.
/// </summary>
internal sealed record Markup(string Text)
{
    public static string Escape(string text) => WebUtility.HtmlEncode(text).Replace("&quot;", "&#34;", StringComparison.Ordinal);

    public static Markup Concat(object? left, object? right) => new(Part(left) + Part(right));

    private static string Part(object? value) => value is Markup markup ? markup.Text : Escape(PyValues.ToStr(value));

    public override string ToString() => Text;
}
