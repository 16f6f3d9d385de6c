using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Understudy.Core.Configuration;

/// <summary>
/// One leaf key of a config class: its YAML key, flag, type, default, help text and validation rules.
/// Built by <see cref="ConfigSchema"/>; the CLI builds one option per descriptor.
/// </summary>
public sealed class ConfigKeyDescriptor
{
    internal ConfigKeyDescriptor(
        string key, IReadOnlyList<PropertyInfo> path, ConfigValueKind kind, Type scalarType, bool isNullable,
        string description, object? defaultValue, bool isSecret)
    {
        Key = key;
        Path = path;
        Kind = kind;
        ScalarType = scalarType;
        IsNullable = isNullable;
        Description = description;
        DefaultValue = defaultValue;
        IsSecret = isSecret || SecretKeys.LooksSecret(key);
        ValidationAttributes = Property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
    }

    /// <summary>The YAML key; nested keys are dotted (<c>lora.lora_r</c>).</summary>
    public string Key { get; }

    /// <summary>The command-line flag (<c>--eval-repeat</c>, <c>--lora.lora-r</c>).</summary>
    public string Flag => ConfigKeyNaming.ToFlag(Key);

    /// <summary>The properties from the root config object down to this key's property.</summary>
    public IReadOnlyList<PropertyInfo> Path { get; }

    /// <summary>The property that holds the value.</summary>
    public PropertyInfo Property => Path[^1];

    /// <summary>The property's declared type.</summary>
    public Type ValueType => Property.PropertyType;

    /// <summary>How values are converted.</summary>
    public ConfigValueKind Kind { get; }

    /// <summary>The scalar type: the property type itself, or the element/value type of a list/map, without <see cref="Nullable{T}"/>.</summary>
    public Type ScalarType { get; }

    /// <summary>Whether <c>null</c> is an accepted value.</summary>
    public bool IsNullable { get; }

    /// <summary>Help text from <see cref="System.ComponentModel.DescriptionAttribute"/> (empty when absent).</summary>
    public string Description { get; }

    /// <summary>The value a freshly constructed config has.</summary>
    public object? DefaultValue { get; }

    /// <summary>Whether the value is redacted in run summaries and logs.</summary>
    public bool IsSecret { get; }

    /// <summary>DataAnnotations rules checked after binding.</summary>
    public IReadOnlyList<ValidationAttribute> ValidationAttributes { get; }

    /// <summary>Whether <see cref="RequiredAttribute"/> is present.</summary>
    public bool IsRequired => ValidationAttributes.OfType<RequiredAttribute>().Any();

    /// <summary>The closed set of accepted values (enum members or <see cref="OneOfAttribute"/>), or empty.</summary>
    public IReadOnlyList<string> AllowedValues =>
        Kind == ConfigValueKind.Enum ? EnumNames.All(ScalarType)
        : ValidationAttributes.OfType<OneOfAttribute>().FirstOrDefault()?.Allowed ?? [];

    /// <summary>A short type label for help output: <c>int</c>, <c>number</c>, <c>bool</c>, <c>a|b</c>, ...</summary>
    public string TypeLabel => AllowedValues.Count > 0 && Kind != ConfigValueKind.List
        ? string.Join('|', AllowedValues)
        : Kind switch
        {
            ConfigValueKind.Boolean => "bool",
            ConfigValueKind.Integer => "int",
            ConfigValueKind.Number => "number",
            ConfigValueKind.Duration => "duration",
            ConfigValueKind.Url => "url",
            ConfigValueKind.List => "list",
            ConfigValueKind.Map => "map",
            _ => "string",
        };

    /// <summary>Reads this key's value from a config object (null when a section on the way is null).</summary>
    public object? GetValue(object root)
    {
        ArgumentNullException.ThrowIfNull(root);
        object? current = root;
        foreach (var property in Path)
        {
            if (current is null)
            {
                return null;
            }

            current = property.GetValue(current);
        }

        return current;
    }

    /// <summary>Writes this key's value into a config object, creating null sections on the way.</summary>
    public void SetValue(object root, object? value)
    {
        ArgumentNullException.ThrowIfNull(root);
        var current = root;
        foreach (var section in Path.Take(Path.Count - 1))
        {
            var next = section.GetValue(current);
            if (next is null)
            {
                next = Activator.CreateInstance(section.PropertyType)!;
                section.SetValue(current, next);
            }

            current = next;
        }

        Property.SetValue(current, value);
    }

    /// <inheritdoc />
    public override string ToString() => Key;
}
