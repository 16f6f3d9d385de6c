using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Understudy.Server.Admission;
using Understudy.Server.Errors;
using Understudy.Server.Generation;
using Understudy.Server.Hosting;
using Understudy.Server.Observability;
using Understudy.Server.Protocol;
using Understudy.Server.Requests;

namespace Understudy.Server.Endpoints;

/// <summary>
/// <c>POST /v1/completions</c>: continues raw prompts (no chat template) on <see cref="ServedModel.RawCompletions"/>.
/// Choice <c>p·n + i</c> is the i-th continuation of prompt p, as in OpenAI's API.
/// </summary>
internal sealed class CompletionsEndpoint(ServedModel served, ServerOptions options, RequestAdmission admission, ServerMetrics metrics)
{
    public async Task HandleAsync(HttpContext context, RequestScope scope)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        TextCompletionRequest request;
        using (var body = await RequestBody.ReadAsync(context.Request, options.Limits.MaxRequestBytes, cancellationToken))
            request = TextCompletionRequest.Parse(body.RootElement, options.Limits);
        SamplingRequest sampling = request.Sampling;
        scope.Model = sampling.Model;
        scope.Stream = sampling.Stream;
        scope.Choices = request.Prompts.Count * sampling.N;
        if (options.LogPrompts) scope.PromptText = string.Join("\n", request.Prompts);
        if (sampling.Model != served.Id) throw OpenAiException.ModelNotFound(sampling.Model, served.Id);

        using IDisposable slot = await admission.EnterAsync(cancellationToken);
        var jobs = request.Prompts
            .SelectMany((prompt, p) => Enumerable.Range(0, sampling.N).Select(i =>
                new ChoiceJob(p * sampling.N + i, [new ChatMessage(ChatRole.User, prompt)], sampling.ToChatOptions(i))))
            .ToArray();
        var fanOut = ChoiceFanOut.Start(served.RawCompletions, jobs, metrics, scope.StartedAt, cancellationToken);
        string id = ResponseIds.New("cmpl");
        long created = ResponseIds.Now();
        TextCompletionResponse Response(IReadOnlyList<TextCompletionResponse.Choice> choices, Usage? usage) => new(id, created, served.Id, choices, usage);

        if (sampling.Stream)
        {
            bool any = await fanOut.Events.WaitToReadAsync(cancellationToken);
            ServerSentEvents.Start(context.Response);
            if (any)
            {
                await ServerSentEvents.RelayAsync(context.Response, fanOut,
                    update => Response([new TextCompletionResponse.Choice(update.Index, update.Text ?? "", update.FinishReason)], null), cancellationToken);
            }
        }
        ChoiceResult[] results = await fanOut.Results;
        var usage = new Usage(results.GroupBy(r => r.Index / sampling.N).Sum(g => g.First().PromptTokens), results.Sum(r => r.CompletionTokens));
        scope.SetUsage(usage.PromptTokens, usage.CompletionTokens, results.Select(r => r.FinishReason));
        if (options.LogPrompts) scope.CompletionText = string.Join("\n", results.Select(r => r.Text));
        if (sampling.Stream)
        {
            if (sampling.IncludeUsage) await ServerSentEvents.WriteAsync(context.Response, Response([], usage), cancellationToken);
            await ServerSentEvents.DoneAsync(context.Response, cancellationToken);
            return;
        }
        await context.Response.WriteAsJsonAsync(Response(results.Select(r => new TextCompletionResponse.Choice(r.Index, r.Text, r.FinishReason)).ToList(), usage),
            OpenAiJson.Options, cancellationToken);
    }
}
