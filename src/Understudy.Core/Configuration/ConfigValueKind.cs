namespace Understudy.Core.Configuration;

/// <summary>The shape of a config value, which decides how YAML nodes and flag text are converted.</summary>
public enum ConfigValueKind
{
    /// <summary><see cref="string"/>; <c>${VAR}</c> references in file values are expanded.</summary>
    String,

    /// <summary><see cref="bool"/>: true/false (also yes/no, on/off as in YAML 1.1).</summary>
    Boolean,

    /// <summary><see cref="int"/> or <see cref="long"/>.</summary>
    Integer,

    /// <summary><see cref="double"/>, <see cref="float"/> or <see cref="decimal"/>.</summary>
    Number,

    /// <summary>An enum, written as the snake_case of its member names.</summary>
    Enum,

    /// <summary><see cref="TimeSpan"/>: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c> or <c>hh:mm:ss</c>.</summary>
    Duration,

    /// <summary><see cref="Uri"/> (absolute).</summary>
    Url,

    /// <summary>A list of scalars (<c>List&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>, <c>T[]</c>).</summary>
    List,

    /// <summary>A map from string to scalar (<c>Dictionary&lt;string,T&gt;</c>).</summary>
    Map,
}
