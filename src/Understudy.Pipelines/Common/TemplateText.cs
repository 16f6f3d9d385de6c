using System.Text;
using System.Text.RegularExpressions;

namespace Understudy.Pipelines.Common;

/// <summary>
/// Python <c>string.Template.substitute</c> semantics: <c>$name</c> and <c>${name}</c> are replaced, <c>$$</c> is a
/// literal <c>$</c>; a placeholder without a value is an error naming it and the values that exist.
/// </summary>
public static partial class TemplateText
{
    public static string Substitute(string template, IReadOnlyDictionary<string, string> values, string templateName)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder(template.Length);
        int last = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            builder.Append(template, last, match.Index - last);
            last = match.Index + match.Length;
            if (match.Value == "$$")
            {
                builder.Append('$');
                continue;
            }
            string name = match.Groups["named"].Success ? match.Groups["named"].Value : match.Groups["braced"].Value;
            if (!values.TryGetValue(name, out string? value))
            {
                throw new InvalidOperationException(
                    $"Prompt template '{templateName}' uses ${name}, which this step does not provide; " +
                    $"available: {string.Join(", ", values.Keys.Select(k => "$" + k))} (write $$ for a literal $).");
            }
            builder.Append(value);
        }
        builder.Append(template, last, template.Length - last);
        return builder.ToString();
    }

    [GeneratedRegex(@"\$(?:\$|(?<named>[_a-zA-Z][_a-zA-Z0-9]*)|\{(?<braced>[_a-zA-Z][_a-zA-Z0-9]*)\})")]
    private static partial Regex Placeholder();
}
