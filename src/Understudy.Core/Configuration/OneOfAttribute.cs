using System.ComponentModel.DataAnnotations;

namespace Understudy.Core.Configuration;

/// <summary>
/// Validates that a string value is one of a fixed set (ordinal, case-sensitive); null passes, so combine
/// with <see cref="RequiredAttribute"/> when a value must be given.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class OneOfAttribute(params string[] allowed) : ValidationAttribute
{
    /// <summary>The allowed values, in the order they are listed in help and error messages.</summary>
    public IReadOnlyList<string> Allowed { get; } = allowed;

    /// <inheritdoc />
    public override bool IsValid(object? value) =>
        value is null || (value is string text && Allowed.Contains(text, StringComparer.Ordinal));

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) =>
        $"{name}: must be one of {string.Join(", ", Allowed.Select(a => $"'{a}'"))}";
}
