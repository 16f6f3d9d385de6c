using Microsoft.AspNetCore.Http;
using Understudy.Server.Admission;
using Understudy.Server.Errors;
using Understudy.Server.Generation;
using Understudy.Server.Hosting;
using Understudy.Server.Observability;
using Understudy.Server.Protocol;
using Understudy.Server.Requests;

namespace Understudy.Server.Endpoints;

/// <summary>
/// <c>POST /v1/chat/completions</c>: parses and validates the body, takes an admission slot, generates the n choices
/// together on the served chat client and answers with one JSON body or server-sent chunks.
/// </summary>
internal sealed class ChatCompletionsEndpoint(ServedModel served, ServerOptions options, RequestAdmission admission, ServerMetrics metrics)
{
    public async Task HandleAsync(HttpContext context, RequestScope scope)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        ChatCompletionRequest request;
        using (var body = await RequestBody.ReadAsync(context.Request, options.Limits.MaxRequestBytes, cancellationToken))
            request = ChatCompletionRequest.Parse(body.RootElement, options.Limits, served.DefaultMaxTokens);
        scope.Model = request.Sampling.Model;
        scope.Stream = request.Sampling.Stream;
        scope.Choices = request.Sampling.N;
        if (options.LogPrompts) scope.PromptText = string.Join("\n", request.Messages.Select(m => $"{m.Role}: {m.Text}"));
        if (request.Sampling.Model != served.Id) throw OpenAiException.ModelNotFound(request.Sampling.Model, served.Id);

        using IDisposable slot = await admission.EnterAsync(cancellationToken);
        var jobs = Enumerable.Range(0, request.Sampling.N).Select(i => new ChoiceJob(i, request.Messages, request.ToChatOptions(i))).ToArray();
        var fanOut = ChoiceFanOut.Start(served.Chat, jobs, metrics, scope.StartedAt, cancellationToken);
        string id = ResponseIds.New("chatcmpl");
        long created = ResponseIds.Now();
        ChoiceResult[] results = request.Sampling.Stream
            ? await StreamAsync(context.Response, fanOut, request, id, created, cancellationToken)
            : await fanOut.Results;
        string? route = results.Select(r => r.Route).FirstOrDefault(r => r is not null);
        if (route is not null) metrics.RecordRoute(route);
        var usage = new Usage(results.Sum(r => r.PromptTokens) / Math.Max(1, results.Length), results.Sum(r => r.CompletionTokens));
        scope.SetUsage(usage.PromptTokens, usage.CompletionTokens, results.Select(r => r.FinishReason));
        if (options.LogPrompts) scope.CompletionText = string.Join("\n", results.Select(r => r.Text));
        if (request.Sampling.Stream)
        {
            if (request.Sampling.IncludeUsage)
                await ServerSentEvents.WriteAsync(context.Response, new ChatCompletionChunk(id, created, fanOut.RoutedModelId ?? served.Id, [], usage), cancellationToken);
            await ServerSentEvents.DoneAsync(context.Response, cancellationToken);
            return;
        }
        // Gateway mode: say who answered, in the header and in `model`.
        if (route is not null) context.Response.Headers[ServedModel.RouteHeader] = route;
        string answeredBy = results.Select(r => r.ModelId).FirstOrDefault(m => m is not null) ?? served.Id;
        var completion = new ChatCompletionResponse(id, created, answeredBy,
            results.Select(r => new ChatCompletionResponse.Choice(r.Index, new ChatCompletionResponse.AssistantMessage(r.Text), r.FinishReason)).ToList(), usage);
        await context.Response.WriteAsJsonAsync(completion, OpenAiJson.Options, cancellationToken);
    }

    private async Task<ChoiceResult[]> StreamAsync(HttpResponse response, ChoiceFanOut fanOut, ChatCompletionRequest request, string id, long created,
        CancellationToken cancellationToken)
    {
        // Wait for the first event before committing to 200, so a request the engine rejects still gets its 4xx.
        bool any = await fanOut.Events.WaitToReadAsync(cancellationToken);
        if (fanOut.Route is { } route) response.Headers[ServedModel.RouteHeader] = route;
        string answeredBy = fanOut.RoutedModelId ?? served.Id;
        ServerSentEvents.Start(response);
        ChatCompletionChunk Chunk(int index, string? role, string? content, string? finish) =>
            new(id, created, answeredBy, [new ChatCompletionChunk.Choice(index, new ChatCompletionChunk.Delta(role, content), finish)], null);
        for (int index = 0; index < request.Sampling.N; index++)
            await ServerSentEvents.WriteAsync(response, Chunk(index, "assistant", "", null), cancellationToken);
        if (any)
        {
            await ServerSentEvents.RelayAsync(response, fanOut,
                update => Chunk(update.Index, null, update.Text, update.FinishReason), cancellationToken);
        }
        return await fanOut.Results;
    }
}
