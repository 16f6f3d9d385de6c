namespace Understudy.Core.Configuration;

/// <summary>A bound, validated config and the record of how it was assembled.</summary>
/// <typeparam name="T">The config class.</typeparam>
/// <param name="Config">The config object (defaults, then file values, then flags).</param>
/// <param name="Effective">Every key's value and source, plus the config hash.</param>
public sealed record LoadedConfig<T>(T Config, EffectiveConfig Effective) where T : class;
