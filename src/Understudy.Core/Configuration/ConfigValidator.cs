using System.ComponentModel.DataAnnotations;

namespace Understudy.Core.Configuration;

/// <summary>
/// Checks a bound config against its DataAnnotations rules (and <see cref="IValidatableObject"/> for
/// cross-key rules), phrasing each failure with the key, the value and where the value came from.
/// </summary>
internal static class ConfigValidator
{
    public static void Validate(
        ConfigSchema schema, object config, IReadOnlyDictionary<string, string> locations,
        IReadOnlySet<string> unbound, List<ConfigProblem> problems)
    {
        foreach (var descriptor in schema.Keys.Where(d => !unbound.Contains(d.Key)))
        {
            var value = descriptor.GetValue(config);
            var where = locations.TryGetValue(descriptor.Key, out var location) ? $" ({location})" : "";
            foreach (var rule in descriptor.ValidationAttributes)
            {
                if (rule.IsValid(value))
                {
                    continue;
                }

                problems.Add(new ConfigProblem(descriptor.Key, Describe(descriptor, rule, value, where)));
                break;
            }
        }

        ValidateObjects(schema, config, prefix: "", problems);
    }

    private static string Describe(ConfigKeyDescriptor descriptor, ValidationAttribute rule, object? value, string where)
    {
        var key = descriptor.Key;
        var shown = ConfigValueFormatter.Format(value);
        return rule switch
        {
            RequiredAttribute => $"missing required key '{key}': set it in the config file or pass {descriptor.Flag}",
            RangeAttribute range => $"{key}: must be {RangeText(range)}, got {shown}{where}",
            OneOfAttribute oneOf => $"{rule.FormatErrorMessage(key)}, got {shown}{Suggest(value, oneOf.Allowed)}{where}",
            _ => $"{TrimPeriod(rule.FormatErrorMessage(key))}, got {shown}{where}",
        };
    }

    private static string RangeText(RangeAttribute range)
    {
        var low = range.MinimumIsExclusive ? $"greater than {range.Minimum}" : $"at least {range.Minimum}";
        var high = range.MaximumIsExclusive ? $"less than {range.Maximum}" : $"at most {range.Maximum}";
        if (!range.MinimumIsExclusive && !range.MaximumIsExclusive)
        {
            return $"between {range.Minimum} and {range.Maximum}";
        }

        return $"{low} and {high}";
    }

    private static string Suggest(object? value, IReadOnlyList<string> allowed) =>
        value is string text && KeySuggester.Nearest(text, allowed) is { } nearest ? $" (did you mean '{nearest}'?)" : "";

    private static string TrimPeriod(string message) => message.TrimEnd('.');

    private static void ValidateObjects(ConfigSchema schema, object instance, string prefix, List<ConfigProblem> problems)
    {
        if (instance is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(instance)))
            {
                var keys = result.MemberNames
                    .Select(member => schema.Keys.FirstOrDefault(k => k.Property.Name == member && k.Key.StartsWith(prefix, StringComparison.Ordinal)
                        && k.Path.Count == prefix.Count(c => c == '.') + 1)?.Key ?? member)
                    .ToList();
                var label = keys.Count > 0 ? string.Join(", ", keys) + ": " : "";
                problems.Add(new ConfigProblem(keys.FirstOrDefault(), label + result.ErrorMessage));
            }
        }

        foreach (var section in schema.Sections.Where(s => s.StartsWith(prefix, StringComparison.Ordinal)
                     && !s[prefix.Length..].Contains('.', StringComparison.Ordinal)))
        {
            var depth = section.Count(c => c == '.');
            var property = schema.Keys.FirstOrDefault(k => k.Key.StartsWith(section + ".", StringComparison.Ordinal))?.Path[depth];
            if (property?.GetValue(instance) is { } child)
            {
                ValidateObjects(schema, child, section + ".", problems);
            }
        }
    }
}
