namespace Understudy.Core.Configuration;

/// <summary>
/// Builds a config object from its class defaults, an optional YAML file and flag overrides (flags win),
/// then validates it. Every problem (unknown keys or flags with the nearest valid one, wrong types, values
/// out of range, missing required keys) is collected and thrown together as one <see cref="ConfigException"/>.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Loads <typeparamref name="T"/>.</summary>
    /// <param name="yamlPath">The YAML file, or null to use defaults and flags only.</param>
    /// <param name="flagOverrides">Explicitly given flags, keyed by flag or key (<c>--eval-repeat</c>, <c>eval_repeat</c>), with their text.</param>
    /// <param name="options">Environment lookup and other options.</param>
    /// <exception cref="ConfigException">Anything is wrong with the file, the flags or the resulting values.</exception>
    public static LoadedConfig<T> Load<T>(
        string? yamlPath, IReadOnlyDictionary<string, string>? flagOverrides = null, ConfigLoadOptions? options = null)
        where T : class, new()
    {
        var (config, effective) = Load(typeof(T), yamlPath, flagOverrides, options);
        return new LoadedConfig<T>((T)config, effective);
    }

    /// <summary>Loads a config of a type known only at run time (the CLI's generic plumbing uses this).</summary>
    public static (object Config, EffectiveConfig Effective) Load(
        Type configType, string? yamlPath, IReadOnlyDictionary<string, string>? flagOverrides = null, ConfigLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configType);
        options ??= ConfigLoadOptions.Default;
        var schema = ConfigSchema.For(configType);
        var problems = new List<ConfigProblem>();
        var rawValues = new List<RawConfigValue>();
        var warnings = new List<string>();
        var fileReadable = yamlPath is null || new YamlConfigReader(schema, yamlPath).Read(rawValues, problems, warnings);

        FlagOverrideReader.Read(schema, flagOverrides ?? new Dictionary<string, string>(), rawValues, problems);

        var config = Activator.CreateInstance(configType)!;
        var binder = new ConfigValueBinder(options.EnvironmentVariables);
        var applied = new Dictionary<string, RawConfigValue>(StringComparer.Ordinal);
        var unbound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in rawValues)
        {
            if (binder.TryBind(raw, out var value, out var error))
            {
                raw.Descriptor.SetValue(config, value);
                applied[raw.Descriptor.Key] = raw;
                unbound.Remove(raw.Descriptor.Key);
            }
            else
            {
                problems.Add(new ConfigProblem(raw.Descriptor.Key, error!));
                unbound.Add(raw.Descriptor.Key);
            }
        }

        var locations = applied.ToDictionary(a => a.Key, a => a.Value.Location, StringComparer.Ordinal);
        if (fileReadable)
        {
            // Validating defaults when the file could not be read would only add noise ("missing required key").
            ConfigValidator.Validate(schema, config, locations, unbound, problems);
        }

        if (problems.Count > 0)
        {
            throw new ConfigException(problems);
        }

        var entries = schema.Keys.Select(d => applied.TryGetValue(d.Key, out var raw)
                ? new EffectiveConfigEntry(d.Key, d.GetValue(config), raw.Source, raw.Location, d.IsSecret)
                : new EffectiveConfigEntry(d.Key, d.GetValue(config), ConfigSource.Default, null, d.IsSecret))
            .ToList();
        return (config, new EffectiveConfig(entries, yamlPath, warnings));
    }
}
