using Microsoft.Extensions.AI;
using Understudy.Llm.Failover;
using Understudy.Llm.Failover.Shadow;

namespace Understudy.Pipelines.Failover;

/// <summary>
/// A failover client built from a <see cref="FailoverConfig"/>: use <see cref="Client"/> wherever the service LLM's
/// client was used. Dispose it at shutdown: it waits for pending shadow samples and writes the last shadow rows.
/// </summary>
public sealed class FailoverClient : IAsyncDisposable
{
    internal FailoverClient(IChatClient client, UnderstudyFailoverChatClient failover, DatasetShadowRecorder? shadowRecorder)
    {
        Client = client;
        Failover = failover;
        ShadowRecorder = shadowRecorder;
    }

    /// <summary>The client to call (telemetry → failover → primary or fallback).</summary>
    public IChatClient Client { get; }

    /// <summary>The failover middleware (its breaker, shadow errors).</summary>
    public UnderstudyFailoverChatClient Failover { get; }

    /// <summary>Where shadow samples go; null when shadow mode is off.</summary>
    public DatasetShadowRecorder? ShadowRecorder { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Failover.WaitForShadowSamplesAsync();
        if (ShadowRecorder is not null)
        {
            await ShadowRecorder.DisposeAsync();
        }

        Client.Dispose();
    }
}
