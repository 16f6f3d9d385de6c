using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Understudy.Server.Admission;
using Understudy.Server.Errors;
using Understudy.Server.Hosting;
using Understudy.Server.Protocol;
using Understudy.Server.Requests;

namespace Understudy.Server.Endpoints;

/// <summary>
/// <c>POST /v1/embeddings</c>: one vector per input string, as float arrays or (encoding_format base64) as base64 of
/// the little-endian float32 bytes, which is what the OpenAI SDKs ask for by default.
/// </summary>
internal sealed class EmbeddingsEndpoint(ServedModel served, ServerOptions options, RequestAdmission admission)
{
    public async Task HandleAsync(HttpContext context, RequestScope scope)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        if (served.Embeddings is null)
            throw new OpenAiException(404, "invalid_request_error", "model_not_found", "model", $"'{served.Id}' is not served for embeddings on this server.");
        EmbeddingRequest request;
        using (var body = await RequestBody.ReadAsync(context.Request, options.Limits.MaxRequestBytes, cancellationToken))
            request = EmbeddingRequest.Parse(body.RootElement, options.Limits, served.EmbeddingDimensions);
        scope.Model = request.Model;
        scope.Choices = request.Inputs.Count;
        if (options.LogPrompts) scope.PromptText = string.Join("\n", request.Inputs);
        if (request.Model != served.Id) throw OpenAiException.ModelNotFound(request.Model, served.Id);

        using IDisposable slot = await admission.EnterAsync(cancellationToken);
        var embeddings = await served.Embeddings.GenerateAsync(request.Inputs, cancellationToken: cancellationToken);
        var data = embeddings.Select((embedding, index) => new EmbeddingResponse.Item(index, request.Base64
            ? Convert.ToBase64String(MemoryMarshal.AsBytes(embedding.Vector.Span))
            : embedding.Vector.ToArray())).ToList();
        long tokens = embeddings.Usage?.InputTokenCount ?? 0;
        scope.SetUsage(tokens, 0, []);
        await context.Response.WriteAsJsonAsync(new EmbeddingResponse(data, served.Id, new EmbeddingResponse.TokenCount(tokens)), OpenAiJson.Options, cancellationToken);
    }
}
