using Microsoft.AspNetCore.Http;
using Understudy.Server.Errors;
using Understudy.Server.Hosting;

namespace Understudy.Server.Security;

/// <summary>
/// Requires <c>Authorization: Bearer &lt;key&gt;</c> with an accepted key on every <c>/v1</c> route (401 in OpenAI's
/// error shape otherwise). <c>/health</c> and <c>/metrics</c> stay open for probes and scrapers; they carry no text.
/// </summary>
internal sealed class ApiKeyAuthentication(ApiKeyStore keys)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }
        string header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await EndpointRunner.WriteErrorAsync(context, OpenAiException.Unauthorized(
                "You didn't provide an API key. Send it as 'Authorization: Bearer <key>' (the OpenAI SDKs do this with their api key setting)."));
            return;
        }
        if (!keys.IsValid(header[BearerPrefix.Length..].Trim()))
        {
            await EndpointRunner.WriteErrorAsync(context, OpenAiException.Unauthorized("Incorrect API key provided."));
            return;
        }
        await next(context);
    }
}
