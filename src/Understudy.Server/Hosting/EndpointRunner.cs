using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Understudy.Server.Errors;
using Understudy.Server.Observability;
using Understudy.Server.Protocol;

namespace Understudy.Server.Hosting;

/// <summary>
/// Runs an endpoint inside the request's span, turns failures into OpenAI error bodies with the right status, counts
/// the request and writes one log line (sizes and timings; prompt text only when <see cref="ServerOptions.LogPrompts"/>).
/// </summary>
internal sealed class EndpointRunner(ServerOptions options, ServerMetrics metrics)
{
    public RequestDelegate Wrap(string endpoint, Func<HttpContext, RequestScope, Task> handler) => async context =>
    {
        using Activity? activity = ServerTelemetry.Source.StartActivity(endpoint, ActivityKind.Server);
        activity?.SetTag("http.request.method", context.Request.Method);
        activity?.SetTag("url.path", context.Request.Path.Value);
        var scope = new RequestScope(endpoint, activity);
        string? failure = null;
        try
        {
            await handler(context, scope);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nothing to answer; the generation was cancelled with it.
            metrics.RecordCancelled();
            context.Response.StatusCode = 499;
            failure = "client disconnected";
        }
        catch (Exception exception)
        {
            OpenAiException error = EngineErrors.Translate(exception);
            failure = error.Message;
            if (error.StatusCode >= 500) activity?.AddException(exception);
            await WriteErrorAsync(context, error);
        }
        int status = context.Response.StatusCode;
        double seconds = Stopwatch.GetElapsedTime(scope.StartedAt).TotalSeconds;
        metrics.RecordRequest(endpoint, status, seconds);
        activity?.SetTag("http.response.status_code", status);
        activity?.SetTag("gen_ai.request.model", scope.Model);
        if (status >= 400) activity?.SetStatus(ActivityStatusCode.Error, failure);
        options.Log?.Invoke(LogLine(context, scope, status, seconds, failure));
    };

    /// <summary>Writes <paramref name="error"/> unless the response has already started (then the stream just ends).</summary>
    public static async Task WriteErrorAsync(HttpContext context, OpenAiException error)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = error.StatusCode;
        if (error.RetryAfterSeconds is int retry) context.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        var body = new ErrorBody(new ErrorBody.Detail(error.Message, error.Type, error.Param, error.Code));
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, OpenAiJson.Options), CancellationToken.None);
    }

    private string LogLine(HttpContext context, RequestScope scope, int status, double seconds, string? failure)
    {
        var line = new System.Text.StringBuilder($"{context.Request.Method} {context.Request.Path} -> {status} in {seconds * 1000:F0} ms");
        if (scope.Model is not null) line.Append($" model={scope.Model}");
        if (scope.Stream) line.Append(" stream");
        if (scope.Choices > 1) line.Append($" n={scope.Choices}");
        if (scope.PromptTokens + scope.CompletionTokens > 0) line.Append($" tokens={scope.PromptTokens}+{scope.CompletionTokens}");
        if (failure is not null) line.Append($" error=\"{failure}\"");
        if (options.LogPrompts)
        {
            if (scope.PromptText is not null) line.Append($" prompt={JsonSerializer.Serialize(scope.PromptText, OpenAiJson.Options)}");
            if (scope.CompletionText is not null) line.Append($" completion={JsonSerializer.Serialize(scope.CompletionText, OpenAiJson.Options)}");
        }
        return line.ToString();
    }
}
