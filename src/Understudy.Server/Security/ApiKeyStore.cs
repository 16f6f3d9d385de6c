using System.Security.Cryptography;
using System.Text;

namespace Understudy.Server.Security;

/// <summary>
/// The API keys a server accepts, held only as SHA-256 hashes. A key file has one key per line: either the key itself
/// or <c>sha256:&lt;64 hex digits&gt;</c> (the hash at rest, made with <see cref="Hash"/> or
/// <c>understudy serve hash-key</c>); blank lines and lines starting with <c>#</c> are ignored. Checks compare the
/// presented key's hash with every stored hash in constant time.
/// </summary>
public sealed class ApiKeyStore
{
    /// <summary>The prefix of a hashed line.</summary>
    public const string HashPrefix = "sha256:";

    private readonly byte[][] _hashes;

    /// <summary>Creates a store from raw keys (tests, programmatic hosts).</summary>
    public ApiKeyStore(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _hashes = keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();
        if (_hashes.Length == 0) throw new ArgumentException("At least one API key is required.", nameof(keys));
    }

    private ApiKeyStore(byte[][] hashes) => _hashes = hashes;

    /// <summary>How many keys are accepted.</summary>
    public int Count => _hashes.Length;

    /// <summary>Reads a key file.</summary>
    /// <exception cref="FormatException">A line is malformed or the file holds no key (the message names file and line).</exception>
    public static ApiKeyStore Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"The API key file {path} does not exist.", path);
        var hashes = new List<byte[]>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (!line.StartsWith(HashPrefix, StringComparison.Ordinal))
            {
                hashes.Add(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
                continue;
            }
            string hex = line[HashPrefix.Length..];
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
                throw new FormatException($"{path} line {i + 1}: '{HashPrefix}' must be followed by 64 hex digits (a SHA-256 hash); make one with `understudy serve hash-key`.");
            hashes.Add(Convert.FromHexString(hex));
        }
        if (hashes.Count == 0) throw new FormatException($"{path} holds no API key; add one key (or {HashPrefix}<hex>) per line.");
        return new ApiKeyStore([.. hashes]);
    }

    /// <summary>The line to store for <paramref name="key"/>: <c>sha256:&lt;hex&gt;</c>.</summary>
    public static string Hash(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>A new random key (32 bytes, URL-safe base64) with the <c>us-</c> prefix.</summary>
    public static string NewKey() => "us-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True when <paramref name="key"/> is accepted. Time does not depend on which key matched or where they differ.</summary>
    public bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key)) return false;
        byte[] presented = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        bool match = false;
        foreach (byte[] stored in _hashes) match |= CryptographicOperations.FixedTimeEquals(presented, stored);
        return match;
    }
}
