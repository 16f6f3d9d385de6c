using System.Security.Cryptography;
using System.Text;

namespace Understudy.Core.Configuration;

/// <summary>
/// The merged configuration a command ran with: every key's value and source, and a stable hash for
/// provenance. The hash covers every non-secret key (defaults included, so a changed default changes it)
/// and ignores secrets, so runs with different credentials but the same settings share a hash.
/// </summary>
public sealed class EffectiveConfig
{
    private readonly Dictionary<string, EffectiveConfigEntry> _byKey;

    /// <summary>Creates the effective config from its entries (keys must be unique).</summary>
    public EffectiveConfig(IReadOnlyList<EffectiveConfigEntry> entries, string? configPath, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        ConfigPath = configPath;
        Warnings = warnings ?? [];
        _byKey = entries.ToDictionary(e => e.Key, StringComparer.Ordinal);
        Hash = ComputeHash(entries);
    }

    /// <summary>Every key in schema order.</summary>
    public IReadOnlyList<EffectiveConfigEntry> Entries { get; }

    /// <summary>The YAML file the values were read from, or null when only defaults and flags were used.</summary>
    public string? ConfigPath { get; }

    /// <summary>Things the user should know that did not stop loading (keys declared with <see cref="IgnoredKeyAttribute"/>).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>First 16 hex digits of the SHA-256 of the canonical JSON of the non-secret values.</summary>
    public string Hash { get; }

    /// <summary>The entry of a key, or null.</summary>
    public EffectiveConfigEntry? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Key → plain value (strings, numbers, lists, maps) with secret values replaced by <see cref="SecretKeys.Redacted"/>.</summary>
    public IReadOnlyDictionary<string, object?> ToRedactedDictionary() =>
        Entries.ToDictionary(
            e => e.Key,
            e => e.IsSecret && e.Value is not null ? SecretKeys.Redacted : ConfigValueFormatter.ToPlain(e.Value),
            StringComparer.Ordinal);

    private static string ComputeHash(IEnumerable<EffectiveConfigEntry> entries)
    {
        var canonical = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => !e.IsSecret))
        {
            canonical[entry.Key] = entry.Value;
        }

        var json = ConfigValueFormatter.ToCanonicalJson(canonical);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(json));
        return Convert.ToHexStringLower(digest)[..16];
    }
}
