using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Understudy.ServiceSimulator.Requests;

/// <summary>
/// Seeds the randomness of one request (student mistakes, synthesised tickets) from the server seed, the request's
/// <c>seed</c>, the model, the prompt, and how many times this same request was seen before. So a run is
/// reproducible whatever the order in which concurrent requests arrive, and asking the same thing twice (repeated
/// sampling, repeated synthesis from one seed) still gives different answers.
/// </summary>
public sealed class RequestRandomness(int serverSeed)
{
    private readonly ConcurrentDictionary<string, int> _occurrences = new(StringComparer.Ordinal);

    public Random For(string model, string prompt, long? requestSeed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompt);
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{model}\u001f{requestSeed}\u001f{prompt}")));
        int occurrence = _occurrences.AddOrUpdate(key, 0, (_, seen) => seen + 1);
        byte[] mixed = SHA256.HashData(Encoding.UTF8.GetBytes($"{serverSeed}\u001f{key}\u001f{occurrence}"));
        return new Random(BitConverter.ToInt32(mixed, 0));
    }
}
