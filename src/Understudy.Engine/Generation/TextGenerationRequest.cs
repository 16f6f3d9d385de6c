namespace Understudy.Engine.Generation;

/// <summary>A prompt (already formatted, e.g. by the chat template) and how to continue it, at the text level.</summary>
public sealed record TextGenerationRequest
{
    /// <summary>Creates a request for <paramref name="prompt"/>.</summary>
    public TextGenerationRequest(string prompt, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        Prompt = prompt;
        Options = options;
    }

    /// <summary>The prompt text.</summary>
    public string Prompt { get; }

    /// <summary>Generation settings.</summary>
    public GenerationOptions Options { get; }

    /// <summary>Add the tokenizer's BOS/EOS rules when encoding (false when a chat template already wrote them).</summary>
    public bool AddSpecialTokens { get; init; } = true;

    /// <summary>Receives complete UTF-8 text pieces as they are generated (never a stop string or part of one).</summary>
    public Action<string>? OnText { get; init; }

    /// <summary>Stops the row when it returns true for the text generated so far (e.g. a complete JSON value).</summary>
    public Func<string, bool>? StopWhen { get; init; }

    /// <summary>Cancels this request.</summary>
    public CancellationToken CancellationToken { get; init; }
}
