using System.Text;

namespace Understudy.Core.Configuration;

/// <summary>
/// The naming convention that ties a config class to its YAML keys and CLI flags:
/// property <c>EvalRepeat</c> → key <c>eval_repeat</c> → flag <c>--eval-repeat</c>;
/// nested key <c>lora.lora_r</c> → flag <c>--lora.lora-r</c>.
/// </summary>
public static class ConfigKeyNaming
{
    /// <summary>Converts a PascalCase or camelCase name to snake_case (<c>FtModelId</c> → <c>ft_model_id</c>).</summary>
    public static string ToSnakeCase(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            if (char.IsUpper(current))
            {
                var previous = i > 0 ? name[i - 1] : '\0';
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                // A new word starts at an upper-case letter after a lower-case letter or digit,
                // or at the last capital of an acronym ("HTTPServer" → "http_server").
                var startsWord = i > 0 && (char.IsLower(previous) || char.IsDigit(previous)
                    || (char.IsUpper(previous) && char.IsLower(next)));
                if (startsWord && previous != '_')
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(current));
            }
            else
            {
                builder.Append(current);
            }
        }

        return builder.ToString();
    }

    /// <summary>The flag for a (possibly dotted) snake_case key: <c>eval_repeat</c> → <c>--eval-repeat</c>.</summary>
    public static string ToFlag(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return "--" + key.Replace('_', '-');
    }

    /// <summary>
    /// The key a flag or override name refers to: accepts <c>--eval-repeat</c>, <c>eval-repeat</c> or
    /// <c>eval_repeat</c> and returns <c>eval_repeat</c>.
    /// </summary>
    public static string FlagToKey(string flagOrKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(flagOrKey);
        return flagOrKey.TrimStart('-').Replace('-', '_');
    }
}
