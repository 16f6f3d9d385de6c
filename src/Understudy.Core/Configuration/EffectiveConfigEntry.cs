namespace Understudy.Core.Configuration;

/// <summary>The value one key ended up with, and where it came from.</summary>
/// <param name="Key">The dotted snake_case key.</param>
/// <param name="Value">The bound CLR value.</param>
/// <param name="Source">Default, file or flag.</param>
/// <param name="Location">Where it was written (<c>config/x.yaml line 4</c>, <c>flag --eval-repeat</c>), null for defaults.</param>
/// <param name="IsSecret">Whether the value must be redacted when shown or persisted.</param>
public sealed record EffectiveConfigEntry(string Key, object? Value, ConfigSource Source, string? Location, bool IsSecret)
{
    /// <summary>The value as shown to users and written to run summaries: <see cref="SecretKeys.Redacted"/> for secrets.</summary>
    public string DisplayValue => IsSecret && Value is not null ? SecretKeys.Redacted : ConfigValueFormatter.FormatUnquoted(Value);
}
