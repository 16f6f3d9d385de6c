using System.Text;
using System.Text.RegularExpressions;

namespace Understudy.Core.Prompts;

/// <summary>
/// Python <c>string.Template</c> substitution: <c>$name</c> and <c>${name}</c> (names are
/// <c>[_a-zA-Z][_a-zA-Z0-9]*</c>), <c>$$</c> for a literal dollar. Strict mode fails on a placeholder
/// with no value or a lone <c>$</c> (as <c>substitute</c>); safe mode leaves them as written
/// (as <c>safe_substitute</c>).
/// </summary>
public static partial class TemplateSubstitution
{
    [GeneratedRegex(@"\$(?:(?<escaped>\$)|(?<named>[_a-zA-Z][_a-zA-Z0-9]*)|\{(?<braced>[_a-zA-Z][_a-zA-Z0-9]*)\}|(?<invalid>))")]
    private static partial Regex Placeholder();

    /// <summary>The distinct placeholder names in <paramref name="template"/>, in order of first use.</summary>
    public static IReadOnlyList<string> Placeholders(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Placeholder().Matches(template)
            .Select(m => m.Groups["named"].Success ? m.Groups["named"].Value : m.Groups["braced"].Value)
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Substitutes <paramref name="values"/> into <paramref name="template"/>.</summary>
    /// <param name="template">The template text.</param>
    /// <param name="values">Placeholder values; extra values are ignored, as in Python.</param>
    /// <param name="safe">Leave unknown placeholders and lone <c>$</c> as written instead of failing.</param>
    /// <param name="describe">Names the template in error messages (e.g. <c>config/prompts.toml [eval]</c>).</param>
    /// <exception cref="PromptTemplateException">Strict mode and a placeholder has no value, or a <c>$</c> starts no placeholder.</exception>
    public static string Substitute(string template, IReadOnlyDictionary<string, string> values, bool safe = false, string describe = "template")
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder(template.Length + 256);
        var position = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            builder.Append(template, position, match.Index - position);
            position = match.Index + match.Length;
            if (match.Groups["escaped"].Success)
            {
                builder.Append('$');
                continue;
            }

            var name = match.Groups["named"].Success ? match.Groups["named"].Value : match.Groups["braced"].Value;
            if (name.Length == 0)
            {
                if (!safe)
                {
                    var (line, column) = LineAndColumn(template, match.Index);
                    throw new PromptTemplateException(
                        $"{describe}: invalid placeholder at line {line}, column {column}: '$' must start $name or ${{name}}; write $$ for a literal dollar");
                }

                builder.Append('$');
                continue;
            }

            if (values.TryGetValue(name, out var value))
            {
                builder.Append(value);
            }
            else if (safe)
            {
                builder.Append(match.Value);
            }
            else
            {
                var (line, _) = LineAndColumn(template, match.Index);
                var given = values.Count == 0 ? "none" : string.Join(", ", values.Keys.Order(StringComparer.Ordinal));
                throw new PromptTemplateException(
                    $"{describe}: no value for placeholder '${name}' (template line {line}); values given: {given}");
            }
        }

        builder.Append(template, position, template.Length - position);
        return builder.ToString();
    }

    private static (int Line, int Column) LineAndColumn(string text, int index)
    {
        var line = 1 + text.AsSpan(0, index).Count('\n');
        var column = index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1) + 1;
        return (line, column);
    }
}
