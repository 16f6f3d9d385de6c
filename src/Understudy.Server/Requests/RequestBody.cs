using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Understudy.Server.Errors;

namespace Understudy.Server.Requests;

/// <summary>Reads a request body as one JSON object, enforcing the size limit before parsing.</summary>
internal static class RequestBody
{
    public static async Task<JsonDocument> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) throw OpenAiException.TooLarge(maxBytes);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            throw OpenAiException.BadRequest($"The request body is not valid JSON: {exception.Message}", "invalid_json");
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw OpenAiException.TooLarge(maxBytes);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw OpenAiException.BadRequest("The request body must be a JSON object.", "invalid_json");
        }
        return document;
    }
}
