using System.Text;

namespace Understudy.Core.Configuration;

/// <summary>
/// Expands <c>${NAME}</c> references in config string values from the environment; <c>$${</c> writes a
/// literal <c>${</c>. A reference to an unset variable is an error, never an empty string.
/// </summary>
public static class EnvironmentVariableExpander
{
    /// <summary>Expands references in <paramref name="text"/>; <paramref name="missing"/> lists the unset variables.</summary>
    public static string Expand(string text, Func<string, string?> lookup, out IReadOnlyList<string> missing)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(lookup);
        var unset = new List<string>();
        missing = unset;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text.AsSpan(i).StartsWith("$${"))
            {
                builder.Append("${");
                i += 3;
                continue;
            }

            var end = text.AsSpan(i).StartsWith("${") ? text.IndexOf('}', i + 2) : -1;
            if (end < 0)
            {
                builder.Append(text[i]);
                i++;
                continue;
            }

            var name = text[(i + 2)..end];
            var value = lookup(name);
            if (value is null)
            {
                unset.Add(name);
            }

            builder.Append(value);
            i = end + 1;
        }

        return builder.ToString();
    }
}
