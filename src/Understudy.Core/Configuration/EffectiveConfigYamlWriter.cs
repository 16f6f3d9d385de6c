using System.Collections;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Understudy.Core.Configuration;

/// <summary>
/// Writes an effective configuration as a YAML config file that loads back to the same values and hash
/// (<c>--print-config</c>): freeze what a run used, then rerun it with <c>--from-config</c>.
/// Secret values are never written; their keys appear as comments to fill in (or to take from <c>${VAR}</c>).
/// </summary>
public static class EffectiveConfigYamlWriter
{
    /// <summary>The YAML text.</summary>
    public static string Write(EffectiveConfig effective)
    {
        ArgumentNullException.ThrowIfNull(effective);
        var root = new YamlMappingNode();
        var secrets = new List<string>();
        foreach (var entry in effective.Entries)
        {
            if (entry.IsSecret)
            {
                secrets.Add(entry.Key);
                continue;
            }

            Section(root, entry.Key, out var name).Add(new YamlScalarNode(name), ToNode(ConfigValueFormatter.ToPlain(entry.Value)));
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.WriteLine($"# effective configuration, hash {effective.Hash}");
        foreach (var key in secrets)
        {
            writer.WriteLine($"# {key}: (secret, not written)");
        }

        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        // YamlStream ends each document with "...": drop it so the file reads like a hand-written config.
        return writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
    }

    private static YamlMappingNode Section(YamlMappingNode root, string key, out string name)
    {
        var parts = key.Split('.');
        var current = root;
        foreach (var part in parts[..^1])
        {
            var child = current.Children.TryGetValue(new YamlScalarNode(part), out var node) ? (YamlMappingNode)node : null;
            if (child is null)
            {
                child = new YamlMappingNode();
                current.Add(new YamlScalarNode(part), child);
            }

            current = child;
        }

        name = parts[^1];
        return current;
    }

    private static YamlNode ToNode(object? value) => value switch
    {
        null => new YamlScalarNode("~") { Style = ScalarStyle.Plain },
        // Quote strings so "true", "5" or "" stay strings, and escape "${" so it is not expanded on reload.
        string text => new YamlScalarNode(text.Replace("${", "$${", StringComparison.Ordinal)) { Style = ScalarStyle.DoubleQuoted },
        bool flag => new YamlScalarNode(flag ? "true" : "false") { Style = ScalarStyle.Plain },
        IFormattable number => new YamlScalarNode(number.ToString(null, CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain },
        IDictionary map => new YamlMappingNode(map.Keys.Cast<object>().Select(k =>
            new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(k.ToString()!), ToNode(map[k])))),
        IEnumerable items => new YamlSequenceNode(items.Cast<object?>().Select(ToNode)) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow },
        _ => new YamlScalarNode(value.ToString()!) { Style = ScalarStyle.DoubleQuoted },
    };
}
