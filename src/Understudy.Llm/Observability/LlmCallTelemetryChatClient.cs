using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Understudy.Core.Observability;
using Understudy.Llm.Accounting;

namespace Understudy.Llm.Observability;

/// <summary>
/// Adds what the GenAI conventions leave out to the LLM call span above it (Microsoft.Extensions.AI's
/// <see cref="OpenTelemetryChatClient"/>, which already records tokens, duration and time to first chunk): the call's
/// cost from a <see cref="ModelPriceTable"/> (<c>understudy.cost_usd</c>, counter <c>understudy.llm.cost</c>) and,
/// for streamed calls, the time to first token and mean time per output token after it.
/// </summary>
public sealed class LlmCallTelemetryChatClient : DelegatingChatClient
{
    private static readonly Counter<double> CostCounter = UnderstudyTelemetry.Meter.CreateCounter<double>(
        "understudy.llm.cost", "USD", "Estimated cost of LLM calls from the price table.");
    private static readonly Histogram<double> TimePerOutputToken = UnderstudyTelemetry.Meter.CreateHistogram<double>(
        "understudy.llm.time_per_output_token", "s", "Mean time per output token after the first, per streamed call.");

    private readonly ModelPriceTable _prices;

    /// <param name="innerClient">The client below (the provider, or the rest of the middleware).</param>
    /// <param name="prices">Prices per model; null = <see cref="ModelPriceTable.Default"/>.</param>
    public LlmCallTelemetryChatClient(IChatClient innerClient, ModelPriceTable? prices = null)
        : base(innerClient)
    {
        _prices = prices ?? ModelPriceTable.Default;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var span = Activity.Current;
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        RecordCost(span, response.ModelId ?? options?.ModelId, response.Usage);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var span = Activity.Current;
        var clock = Stopwatch.StartNew();
        TimeSpan? firstToken = null;
        string? model = null;
        var usage = new UsageDetails();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            if (firstToken is null && update.Contents.Any(c => c is TextContent or TextReasoningContent))
            {
                firstToken = clock.Elapsed;
                span?.SetTag(UnderstudyAttributes.TimeToFirstToken, firstToken.Value.TotalSeconds);
            }

            model ??= update.ModelId;
            foreach (var content in update.Contents.OfType<UsageContent>())
            {
                usage.Add(content.Details);
            }

            yield return update;
        }

        model ??= options?.ModelId;
        RecordCost(span, model, usage);
        if (firstToken is { } ttft && usage.OutputTokenCount is > 1 and var output)
        {
            var perToken = (clock.Elapsed - ttft).TotalSeconds / (output - 1);
            span?.SetTag(UnderstudyAttributes.TimePerOutputToken, perToken);
            TimePerOutputToken.Record(perToken, new KeyValuePair<string, object?>("gen_ai.request.model", model));
        }
    }

    private void RecordCost(Activity? span, string? model, UsageDetails? usage)
    {
        if (usage is null || _prices.Find(model) is not { } price)
        {
            return;
        }

        var cost = (double)price.Cost(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
        span?.SetTag(UnderstudyAttributes.CostUsd, cost);
        CostCounter.Add(cost, new KeyValuePair<string, object?>("gen_ai.request.model", model));
    }
}
