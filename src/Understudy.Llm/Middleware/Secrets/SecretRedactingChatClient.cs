using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Understudy.Llm.Errors;

namespace Understudy.Llm.Middleware.Secrets;

/// <summary>
/// Keeps API keys out of exceptions: a provider error whose text contains a key (some servers echo the key they
/// rejected) is replaced by a <see cref="ServiceLlmException"/> with the key masked, the same status and
/// Retry-After, and no inner exception. Place it innermost, right above the provider client.
/// </summary>
public sealed class SecretRedactingChatClient : DelegatingChatClient
{
    /// <summary>Shorter strings are not treated as secrets (they would mask ordinary words).</summary>
    public const int MinimumSecretLength = 8;

    private readonly string[] _secrets;

    public SecretRedactingChatClient(IChatClient innerClient, IEnumerable<string> secrets)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = secrets.Where(s => s.Length >= MinimumSecretLength).Distinct().ToArray();
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception e) when (Leaks(e))
        {
            throw Redacted(e);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception e) when (Leaks(e))
            {
                throw Redacted(e);
            }

            yield return stream.Current;
        }
    }

    /// <summary><paramref name="text"/> with every secret replaced by its first 3 characters and asterisks.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _secrets.Aggregate(text, (current, secret) => current.Replace(secret, Mask(secret), StringComparison.Ordinal));
    }

    private static string Mask(string secret) => secret[..3] + "****";

    private bool Leaks(Exception e)
    {
        var text = e.ToString();
        return _secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal));
    }

    private ServiceLlmException Redacted(Exception e)
    {
        var failure = ServiceFailureClassifier.Classify(e);
        return new ServiceLlmException(
            $"{e.GetType().Name}: {Redact(e.Message)}",
            failure?.StatusCode, failure?.RetryAfter, failure?.IsTransient ?? false);
    }
}
