using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.Caching;

/// <summary>
/// Chat responses on disk, one JSON file per request fingerprint (<c>&lt;dir&gt;/ab/abcd....json</c>), each written
/// to a temporary file first and then renamed into place, so a crash never leaves a half-written entry.
/// </summary>
public sealed class DiskResponseCache
{
    public DiskResponseCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>The file that holds (or would hold) the entry for <paramref name="key"/>.</summary>
    public string PathFor(string key) => Path.Combine(Directory, key[..2], key + ".json");

    /// <summary>The cached response for <paramref name="key"/>, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The entry exists but cannot be read; the message names the file.</exception>
    public async Task<ChatResponse?> TryReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return (ChatResponse?)await JsonSerializer.DeserializeAsync(stream, TypeInfo, cancellationToken)
                ?? throw new JsonException("the entry is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"The response cache entry '{path}' is not a valid cached response ({e.Message}). Delete the file to fetch the answer again.", e);
        }
    }

    /// <summary>Stores <paramref name="response"/> under <paramref name="key"/>, replacing any entry atomically.</summary>
    public async Task WriteAsync(string key, ChatResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var path = PathFor(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await JsonSerializer.SerializeAsync(stream, response, TypeInfo, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo TypeInfo =>
        AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponse));
}
