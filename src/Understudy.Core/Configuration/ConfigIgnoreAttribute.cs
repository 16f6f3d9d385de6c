namespace Understudy.Core.Configuration;

/// <summary>Excludes a public settable property of a config class from its keys and flags.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ConfigIgnoreAttribute : Attribute;
