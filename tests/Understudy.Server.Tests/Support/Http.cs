using System.Text;
using System.Text.Json;

namespace Understudy.Server.Tests.Support;

/// <summary>Raw HTTP helpers for protocol tests.</summary>
public static class Http
{
    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsync(path, Json(body), TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    /// <summary>The <c>data:</c> payloads of a server-sent-events body, checking the framing on the way.</summary>
    public static List<string> Events(string body)
    {
        Assert.EndsWith("\n\n", body);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        return events.Select(e => e["data: ".Length..]).ToList();
    }

    /// <summary>Asserts an OpenAI error body: all four fields present, with this type, param and code.</summary>
    public static void AssertError(JsonElement body, string type, string? param, string? code)
    {
        JsonElement error = body.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }
}
