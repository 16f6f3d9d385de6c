using YamlDotNet.RepresentationModel;

namespace Understudy.Core.Configuration;

/// <summary>A value for one key as written by the user, before conversion: a YAML node or flag text.</summary>
/// <param name="Descriptor">The key it is for.</param>
/// <param name="Source">File or flag.</param>
/// <param name="Location">Where it was written, for messages: <c>config/x.yaml line 4</c> or <c>flag --eval-repeat</c>.</param>
/// <param name="Node">The YAML node (file values, and list/map flags written in YAML flow style).</param>
/// <param name="Text">The flag's text (flag values).</param>
internal sealed record RawConfigValue(
    ConfigKeyDescriptor Descriptor, ConfigSource Source, string Location, YamlNode? Node, string? Text);
