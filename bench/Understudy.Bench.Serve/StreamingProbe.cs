using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Understudy.Bench.Serve;

/// <summary>What one streamed request measured (times in seconds); <see cref="Status"/> 429 means refused.</summary>
internal sealed record ProbeResult(int Status, double TimeToFirstToken, double TimePerOutputToken, double Total, long Tokens);

/// <summary>Sends one streaming chat request over raw HTTP and times the first content chunk and the rest.</summary>
internal sealed class StreamingProbe(HttpClient http, string model, int maxTokens)
{
    public async Task<ProbeResult> RunAsync(string question, CancellationToken cancellationToken)
    {
        string body = JsonSerializer.Serialize(new
        {
            model,
            messages = new[] { new { role = "system", content = "You triage support tickets." }, new { role = "user", content = question } },
            max_tokens = maxTokens,
            temperature = 0,
            stream = true,
            stream_options = new { include_usage = true },
        });
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            await response.Content.ReadAsStringAsync(cancellationToken);
            return new ProbeResult((int)response.StatusCode, 0, 0, clock.Elapsed.TotalSeconds, 0);
        }
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        double? first = null;
        double last = 0;
        long tokens = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || line == "data: [DONE]") continue;
            using var chunk = JsonDocument.Parse(line[6..]);
            if (chunk.RootElement.TryGetProperty("usage", out var usage)) tokens = usage.GetProperty("completion_tokens").GetInt64();
            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (!choice.GetProperty("delta").TryGetProperty("content", out var content) || string.IsNullOrEmpty(content.GetString())) continue;
                first ??= clock.Elapsed.TotalSeconds;
                last = clock.Elapsed.TotalSeconds;
            }
        }
        double ttft = first ?? clock.Elapsed.TotalSeconds;
        return new ProbeResult(200, ttft, tokens > 1 ? (last - ttft) / (tokens - 1) : 0, clock.Elapsed.TotalSeconds, tokens);
    }
}
