namespace Understudy.Core.Configuration;

/// <summary>
/// Marks a config key whose value must never be written to run summaries or logs. Keys whose name
/// contains the word <c>key</c>, <c>token</c>, <c>secret</c> or <c>password</c> are treated as secret anyway.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SecretAttribute : Attribute;
