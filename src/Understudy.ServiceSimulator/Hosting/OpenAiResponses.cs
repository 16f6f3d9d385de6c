using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Understudy.ServiceSimulator.Protocol;

namespace Understudy.ServiceSimulator.Hosting;

/// <summary>Writes JSON bodies and OpenAI-style errors.</summary>
internal static class OpenAiResponses
{
    public static async Task WriteJsonAsync<T>(HttpResponse response, int statusCode, T body, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(body, SimulatorJson.SerializerOptions), cancellationToken);
    }

    public static Task WriteErrorAsync(HttpResponse response, SimulatorException error, CancellationToken cancellationToken) =>
        WriteJsonAsync(response, error.StatusCode,
            new ErrorResponse(new ErrorDetail(error.Message, error.ErrorType, error.Param, error.Code)), cancellationToken);
}
