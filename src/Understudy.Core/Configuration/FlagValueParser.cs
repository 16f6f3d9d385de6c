using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Understudy.Core.Configuration;

/// <summary>
/// Turns a flag's text into the YAML node a file would have held, so flags and files share one converter:
/// lists as <c>a,b</c> or YAML flow <c>[a, "b,c"]</c>; maps as <c>k=v,k2=v2</c> or <c>{k: v}</c>; strings verbatim.
/// </summary>
internal static class FlagValueParser
{
    /// <summary>Flag text as a node: YAML flow syntax for <c>[..]</c>/<c>{..}</c>, else comma lists and <c>k=v</c> pairs.</summary>
    public static YamlNode ToNode(string text, ConfigValueKind kind)
    {
        var trimmed = text.Trim();
        if ((kind == ConfigValueKind.List && trimmed.StartsWith('[')) || (kind == ConfigValueKind.Map && trimmed.StartsWith('{')))
        {
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(trimmed));
                return stream.Documents[0].RootNode;
            }
            catch (YamlException)
            {
                return new YamlScalarNode(text) { Style = ScalarStyle.DoubleQuoted };
            }
        }

        return kind switch
        {
            ConfigValueKind.List => new YamlSequenceNode(
                trimmed.Length == 0 ? [] : trimmed.Split(',').Select(item => (YamlNode)new YamlScalarNode(item.Trim()))),
            ConfigValueKind.Map when trimmed.Length == 0 => new YamlMappingNode(),
            ConfigValueKind.Map when trimmed.Split(',').All(p => p.Contains('=')) => new YamlMappingNode(
                trimmed.Split(',').Select(pair => pair.Split('=', 2))
                    .Select(parts => new KeyValuePair<YamlNode, YamlNode>(
                        new YamlScalarNode(parts[0].Trim()), new YamlScalarNode(parts[1].Trim())))),
            _ => new YamlScalarNode(text) { Style = kind == ConfigValueKind.String ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain },
        };
    }
}
