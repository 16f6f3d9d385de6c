using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.Caching;

namespace Understudy.Llm.Accounting;

/// <summary>
/// Records every call of one model role in a <see cref="UsageLedger"/>: tokens in and out, cost, cache hits and
/// failures. Place it outermost, so that it sees cache hits (marked by <see cref="DiskCachingChatClient"/>) and
/// each logical call once whatever the retries below it.
/// </summary>
public sealed class UsageAccountingChatClient : DelegatingChatClient
{
    private readonly UsageLedger _ledger;
    private readonly string _role;

    public UsageAccountingChatClient(IChatClient innerClient, UsageLedger ledger, string role)
        : base(innerClient)
    {
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        _role = role;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _ledger.RecordFailure(_role, ModelOf(null, options));
            throw;
        }

        _ledger.RecordResponse(_role, ModelOf(response.ModelId, options), response.Usage, DiskCachingChatClient.IsCacheHit(response));
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var usage = new UsageDetails();
        string? model = null;
        var cacheHit = false;
        await using var stream = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _ledger.RecordFailure(_role, ModelOf(model, options));
                throw;
            }

            var update = stream.Current;
            model ??= update.ModelId;
            cacheHit |= update.AdditionalProperties?.TryGetValue(DiskCachingChatClient.CacheHitProperty, out var hit) == true && hit is true;
            foreach (var content in update.Contents.OfType<UsageContent>())
            {
                usage.Add(content.Details);
            }

            yield return update;
        }

        _ledger.RecordResponse(_role, ModelOf(model, options), usage, cacheHit);
    }

    private string ModelOf(string? reported, ChatOptions? options) =>
        reported ?? options?.ModelId ?? InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown";
}
