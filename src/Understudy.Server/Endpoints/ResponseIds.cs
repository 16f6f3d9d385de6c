namespace Understudy.Server.Endpoints;

/// <summary>Response ids in OpenAI's style (<c>chatcmpl-…</c>, <c>cmpl-…</c>) and creation times in Unix seconds.</summary>
internal static class ResponseIds
{
    public static string New(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..24];

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
