namespace Understudy.Core.Configuration;

/// <summary>
/// Overrides the snake_case key derived from a config property's name, for names the convention
/// would spell differently from the established key (e.g. <c>[ConfigKey("lora_r")]</c> on <c>LoraRank</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ConfigKeyAttribute(string key) : Attribute
{
    /// <summary>The YAML key (snake_case, no dots).</summary>
    public string Key { get; } = key;
}
