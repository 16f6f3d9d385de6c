namespace Understudy.Core.Configuration;

/// <summary>Maps flag overrides (<c>--eval-repeat</c> → <c>"5"</c>) to raw values, reporting unknown flags with the nearest valid one.</summary>
internal static class FlagOverrideReader
{
    public static void Read(
        ConfigSchema schema, IReadOnlyDictionary<string, string> flags, List<RawConfigValue> values, List<ConfigProblem> problems)
    {
        foreach (var (name, text) in flags)
        {
            var key = ConfigKeyNaming.FlagToKey(name);
            var flag = ConfigKeyNaming.ToFlag(key);
            var descriptor = schema.Find(key);
            if (descriptor is not null)
            {
                values.Add(new RawConfigValue(descriptor, ConfigSource.Flag, $"flag {flag}", null, text));
                continue;
            }

            if (schema.IsSection(key))
            {
                problems.Add(new ConfigProblem(key, $"flag {flag}: '{key}' is a section; set its keys one by one, e.g. {flag}.<key>"));
                continue;
            }

            var suggestion = KeySuggester.Nearest(flag, schema.Keys.Select(k => k.Flag));
            var hint = suggestion is null ? "" : $" (did you mean '{suggestion}'?)";
            problems.Add(new ConfigProblem(key, $"unknown flag '{flag}'{hint}"));
        }
    }
}
