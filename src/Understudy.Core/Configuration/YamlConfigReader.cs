using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Understudy.Core.Configuration;

/// <summary>
/// Reads a YAML config file into raw values keyed by schema key, reporting unknown keys (with the nearest
/// valid key), misplaced sections and YAML syntax errors with their line numbers.
/// </summary>
internal sealed class YamlConfigReader(ConfigSchema schema, string path)
{
    private readonly List<string> _validNames = [.. schema.Keys.Select(k => k.Key), .. schema.Sections];

    /// <summary>Adds the file's values and problems; returns false when the file could not be read at all.</summary>
    public bool Read(List<RawConfigValue> values, List<ConfigProblem> problems, List<string> warnings)
    {
        if (!File.Exists(path))
        {
            problems.Add(new ConfigProblem(null, $"{path}: config file not found"));
            return false;
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            problems.Add(new ConfigProblem(null, $"{path} line {e.Start.Line}: invalid YAML: {Innermost(e).Message}"));
            return false;
        }

        if (stream.Documents.Count == 0 || IsEmpty(stream.Documents[0].RootNode))
        {
            return true;
        }

        if (stream.Documents.Count > 1)
        {
            problems.Add(new ConfigProblem(null, $"{path}: holds {stream.Documents.Count} YAML documents; a config file holds one"));
            return false;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new ConfigProblem(null, $"{path}: expected a mapping of keys to values at the top level"));
            return false;
        }

        ReadMapping(root, prefix: "", values, problems, warnings);
        return true;
    }

    private void ReadMapping(
        YamlMappingNode mapping, string prefix, List<RawConfigValue> values, List<ConfigProblem> problems, List<string> warnings)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var line = keyNode.Start.Line;
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                problems.Add(new ConfigProblem(null, $"{path} line {line}: keys must be plain names"));
                continue;
            }

            var key = prefix + name;
            if (schema.IsSection(key))
            {
                if (valueNode is YamlMappingNode section)
                {
                    ReadMapping(section, key + ".", values, problems, warnings);
                }
                else if (!IsEmpty(valueNode))
                {
                    problems.Add(new ConfigProblem(key, $"{key}: is a section; expected a mapping of its keys ({path} line {line})"));
                }

                continue;
            }

            if (schema.IgnoredKeys.TryGetValue(key, out var reason))
            {
                warnings.Add($"{path} line {line}: key '{key}' is ignored: {reason}");
                continue;
            }

            var descriptor = schema.Find(key);
            if (descriptor is null)
            {
                var suggestion = KeySuggester.Nearest(key, _validNames);
                var hint = suggestion is null ? "" : $" (did you mean '{suggestion}'?)";
                problems.Add(new ConfigProblem(key, $"{path} line {line}: unknown key '{key}'{hint}"));
                continue;
            }

            values.Add(new RawConfigValue(descriptor, ConfigSource.File, $"{path} line {valueNode.Start.Line}", valueNode, null));
        }
    }

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
