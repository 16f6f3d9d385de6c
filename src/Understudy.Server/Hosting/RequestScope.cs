using System.Diagnostics;

namespace Understudy.Server.Hosting;

/// <summary>What one request did, filled in by its endpoint, for the log line, the metrics and the trace span.</summary>
internal sealed class RequestScope(string endpoint, Activity? activity)
{
    /// <summary>The metrics label of the endpoint, e.g. <c>chat_completions</c>.</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>The request's span, when traced.</summary>
    public Activity? Activity { get; } = activity;

    /// <summary>Arrival time (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long StartedAt { get; } = Stopwatch.GetTimestamp();

    /// <summary>The model the client asked for.</summary>
    public string? Model { get; set; }

    /// <summary>Whether the answer was streamed.</summary>
    public bool Stream { get; set; }

    /// <summary>Choices asked for.</summary>
    public int Choices { get; set; } = 1;

    /// <summary>Prompt tokens read, summed over choices.</summary>
    public long PromptTokens { get; set; }

    /// <summary>Tokens generated, summed over choices.</summary>
    public long CompletionTokens { get; set; }

    /// <summary>The prompt text, logged only with --log-prompts.</summary>
    public string? PromptText { get; set; }

    /// <summary>The completion text, logged only with --log-prompts.</summary>
    public string? CompletionText { get; set; }

    /// <summary>Records the model and token counts on the span too.</summary>
    public void SetUsage(long prompt, long completion, IEnumerable<string> finishReasons)
    {
        PromptTokens = prompt;
        CompletionTokens = completion;
        Activity?.SetTag("gen_ai.usage.input_tokens", prompt);
        Activity?.SetTag("gen_ai.usage.output_tokens", completion);
        Activity?.SetTag("gen_ai.response.finish_reasons", finishReasons.ToArray());
    }
}
