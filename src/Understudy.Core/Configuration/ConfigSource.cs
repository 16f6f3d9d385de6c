namespace Understudy.Core.Configuration;

/// <summary>Where the effective value of a config key came from; later sources win.</summary>
public enum ConfigSource
{
    /// <summary>The config class's default (property initializer).</summary>
    Default,

    /// <summary>The YAML file given with <c>--from-config</c>.</summary>
    File,

    /// <summary>An explicit command-line flag.</summary>
    Flag,
}
