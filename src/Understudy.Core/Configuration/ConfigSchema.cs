using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;

namespace Understudy.Core.Configuration;

/// <summary>
/// The keys of a config class, found by reflection: every public property with a public setter (or init)
/// is a key named by <see cref="ConfigKeyNaming"/>; a property whose type is a plain class is a section
/// (a YAML mapping) whose properties are keys in turn.
/// </summary>
public sealed class ConfigSchema
{
    private static readonly ConcurrentDictionary<Type, ConfigSchema> Cache = new();
    private readonly Dictionary<string, ConfigKeyDescriptor> _byKey;

    private ConfigSchema(Type configType, IReadOnlyList<ConfigKeyDescriptor> keys, IReadOnlyList<string> sections)
    {
        ConfigType = configType;
        Keys = keys;
        Sections = sections;
        IgnoredKeys = configType.GetCustomAttributes<IgnoredKeyAttribute>(inherit: true)
            .ToDictionary(a => a.Key, a => a.Reason, StringComparer.Ordinal);
        _byKey = keys.ToDictionary(k => k.Key, StringComparer.Ordinal);
    }

    /// <summary>The config class.</summary>
    public Type ConfigType { get; }

    /// <summary>Every leaf key in declaration order (sections flattened with dotted keys).</summary>
    public IReadOnlyList<ConfigKeyDescriptor> Keys { get; }

    /// <summary>The dotted names of the sections (nested classes).</summary>
    public IReadOnlyList<string> Sections { get; }

    /// <summary>Keys accepted in files but not used, with the reason (see <see cref="IgnoredKeyAttribute"/>).</summary>
    public IReadOnlyDictionary<string, string> IgnoredKeys { get; }

    /// <summary>The schema of <typeparamref name="T"/>.</summary>
    public static ConfigSchema For<T>() where T : class, new() => For(typeof(T));

    /// <summary>The schema of a config class (cached).</summary>
    public static ConfigSchema For(Type configType)
    {
        ArgumentNullException.ThrowIfNull(configType);
        return Cache.GetOrAdd(configType, Build);
    }

    /// <summary>The descriptor of a dotted snake_case key, or null.</summary>
    public ConfigKeyDescriptor? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Whether the dotted name is a section.</summary>
    public bool IsSection(string key) => Sections.Contains(key, StringComparer.Ordinal);

    private static ConfigSchema Build(Type configType)
    {
        if (configType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException($"Config class {configType.Name} needs a public parameterless constructor.");
        }

        var keys = new List<ConfigKeyDescriptor>();
        var sections = new List<string>();
        AddKeys(configType, Activator.CreateInstance(configType), prefix: "", path: [], keys, sections);
        return new ConfigSchema(configType, keys, sections);
    }

    private static void AddKeys(
        Type type, object? defaults, string prefix, List<PropertyInfo> path,
        List<ConfigKeyDescriptor> keys, List<string> sections)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0
                || property.IsDefined(typeof(ConfigIgnoreAttribute), inherit: true))
            {
                continue;
            }

            var name = property.GetCustomAttribute<ConfigKeyAttribute>()?.Key ?? ConfigKeyNaming.ToSnakeCase(property.Name);
            var key = prefix + name;
            var defaultValue = defaults is null ? null : property.GetValue(defaults);
            List<PropertyInfo> propertyPath = [.. path, property];
            if (ConfigTypes.IsSection(property.PropertyType))
            {
                sections.Add(key);
                AddKeys(property.PropertyType, defaultValue ?? Activator.CreateInstance(property.PropertyType),
                    key + ".", propertyPath, keys, sections);
                continue;
            }

            if (!ConfigTypes.TryClassify(property.PropertyType, out var kind, out var scalarType))
            {
                throw new ArgumentException(
                    $"Config property {type.Name}.{property.Name} has type {property.PropertyType.Name}, which config files cannot express.");
            }

            var isNullable = nullability.Create(property).WriteState == NullabilityState.Nullable;
            var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
            var isSecret = property.IsDefined(typeof(SecretAttribute), inherit: true);
            keys.Add(new ConfigKeyDescriptor(key, propertyPath, kind, scalarType, isNullable, description, defaultValue, isSecret));
        }
    }
}
