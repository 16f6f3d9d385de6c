using System.Collections;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Understudy.Core.Configuration;

/// <summary>Converts a raw value (YAML node or flag text) to the CLR type of its key, or reports why it cannot.</summary>
internal sealed class ConfigValueBinder(Func<string, string?> environment)
{
    public bool TryBind(RawConfigValue raw, out object? value, out string? error)
    {
        var node = raw.Node ?? FlagValueParser.ToNode(raw.Text ?? "", raw.Descriptor.Kind);
        return raw.Descriptor.Kind switch
        {
            ConfigValueKind.List => TryBindList(raw, node, out value, out error),
            ConfigValueKind.Map => TryBindMap(raw, node, out value, out error),
            _ => TryBindScalar(raw, node, raw.Descriptor.ScalarType, raw.Descriptor.IsNullable, out value, out error),
        };
    }

    private bool TryBindList(RawConfigValue raw, YamlNode node, out object? value, out string? error)
    {
        value = null;
        error = null;
        if (IsNull(node) && raw.Descriptor.IsNullable)
        {
            return true;
        }

        if (node is not YamlSequenceNode sequence)
        {
            error = Mismatch(raw, $"a list of {Plural(raw.Descriptor.ScalarType)}", Describe(node));
            return false;
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(raw.Descriptor.ScalarType))!;
        foreach (var item in sequence.Children)
        {
            if (!TryBindScalar(raw, item, raw.Descriptor.ScalarType, isNullable: false, out var element, out error))
            {
                return false;
            }

            list.Add(element);
        }

        value = raw.Descriptor.ValueType.IsArray ? ToArray(list, raw.Descriptor.ScalarType) : list;
        return true;
    }

    private bool TryBindMap(RawConfigValue raw, YamlNode node, out object? value, out string? error)
    {
        value = null;
        error = null;
        if (IsNull(node) && raw.Descriptor.IsNullable)
        {
            return true;
        }

        if (node is not YamlMappingNode mapping)
        {
            error = Mismatch(raw, $"a mapping of names to {Plural(raw.Descriptor.ScalarType)}", Describe(node));
            return false;
        }

        var map = (IDictionary)Activator.CreateInstance(
            typeof(Dictionary<,>).MakeGenericType(typeof(string), raw.Descriptor.ScalarType), StringComparer.Ordinal)!;
        foreach (var (keyNode, itemNode) in mapping.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!TryBindScalar(raw, itemNode, raw.Descriptor.ScalarType, isNullable: false, out var element, out error))
            {
                error = error!.Replace($"{raw.Descriptor.Key}:", $"{raw.Descriptor.Key}.{name}:", StringComparison.Ordinal);
                return false;
            }

            map[name] = element;
        }

        value = map;
        return true;
    }

    private bool TryBindScalar(RawConfigValue raw, YamlNode node, Type type, bool isNullable, out object? value, out string? error)
    {
        value = null;
        error = null;
        if (node is not YamlScalarNode scalar)
        {
            error = Mismatch(raw, ScalarConverter.Describe(type), Describe(node));
            return false;
        }

        if (IsNull(scalar))
        {
            if (isNullable)
            {
                return true;
            }

            if (type == typeof(string))
            {
                value = "";
                return true;
            }

            error = Mismatch(raw, ScalarConverter.Describe(type), "nothing (null)");
            return false;
        }

        var text = scalar.Value ?? "";
        if (type == typeof(string) && raw.Source == ConfigSource.File)
        {
            text = EnvironmentVariableExpander.Expand(text, environment, out var missing);
            if (missing.Count > 0)
            {
                error = $"{raw.Descriptor.Key}: environment variable '{missing[0]}' is not set ({raw.Location})";
                return false;
            }
        }

        if (ScalarConverter.TryConvert(text, type, out value, out var expected))
        {
            return true;
        }

        error = Mismatch(raw, expected, $"'{text}'");
        return false;
    }

    private static string Mismatch(RawConfigValue raw, string expected, string got) =>
        $"{raw.Descriptor.Key}: expected {expected}, got {got} ({raw.Location})";

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar when IsNull(scalar) => "nothing (null)",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => node.NodeType.ToString(),
    };

    private static string Plural(Type type) => ScalarConverter.Describe(type) switch
    {
        "an integer" => "integers",
        "a number" => "numbers",
        "a string" => "strings",
        "true or false" => "booleans",
        var other => $"values ({other})",
    };

    private static Array ToArray(IList list, Type elementType)
    {
        var array = Array.CreateInstance(elementType, list.Count);
        list.CopyTo(array, 0);
        return array;
    }
}
