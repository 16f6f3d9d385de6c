using System.Security.Cryptography;
using System.Text;

namespace Understudy.Core.Lineage;

/// <summary>
/// Content hashes of artifacts: <c>sha256:</c> and 32 hex digits. Text and parts are hashed with separators so
/// <c>("ab", "c")</c> and <c>("a", "bc")</c> differ; a folder hashes every file's relative path and bytes in name order.
/// </summary>
public static class ContentHash
{
    private const string Prefix = "sha256:";

    /// <summary>Hash of a sequence of strings.</summary>
    public static string OfParts(params IEnumerable<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string part in parts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData([0]);
        }
        return Format(hash.GetHashAndReset());
    }

    /// <summary>Hash of one file's bytes.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await AppendFileAsync(hash, path, cancellationToken);
        return Format(hash.GetHashAndReset());
    }

    /// <summary>Hash of every file under a folder (relative paths and bytes, ordinal name order).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async Task<string> OfDirectoryAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Cannot hash '{folder}': the folder does not exist.");
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        foreach (var (full, relative) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData([0]);
            await AppendFileAsync(hash, full, cancellationToken);
        }
        return Format(hash.GetHashAndReset());
    }

    private static async Task AppendFileAsync(IncrementalHash hash, string path, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1 << 20];
        await using var stream = File.OpenRead(path);
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
    }

    private static string Format(byte[] digest) => Prefix + Convert.ToHexStringLower(digest)[..32];
}
