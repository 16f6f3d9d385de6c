using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Generation;

/// <summary>
/// Text in, text out: encodes prompts, runs one batched <see cref="TokenGenerator"/> pass, watches stop strings and
/// streams UTF-8-complete pieces. The returned text is decoded from the generated token ids only.
/// </summary>
public sealed class TextGenerator
{
    private readonly TokenGenerator _tokens;
    private readonly ITokenizer _tokenizer;

    /// <summary>Creates the generator over a token generator and its model's tokenizer.</summary>
    public TextGenerator(TokenGenerator tokens, ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokens = tokens;
        _tokenizer = tokenizer;
    }

    /// <summary>The tokenizer.</summary>
    public ITokenizer Tokenizer => _tokenizer;

    /// <summary>Generates all requests as one batch; results are in request order.</summary>
    public IReadOnlyList<TextGenerationResult> Generate(IReadOnlyList<TextGenerationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var watchers = new StopStringWatcher[requests.Count];
        var tokenRequests = new TokenGenerationRequest[requests.Count];
        for (int i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var watcher = watchers[i] = new StopStringWatcher(_tokenizer, request.Options.StopStrings, request.OnText, request.StopWhen);
            var ids = _tokenizer.Encode(request.Prompt, request.AddSpecialTokens);
            if (ids.Count == 0 && _tokenizer.BosTokenId is int bos) ids = [bos];
            if (ids.Count == 0) throw new ArgumentException($"Request {i}: the prompt encodes to no tokens and the tokenizer has no BOS token.");
            tokenRequests[i] = new TokenGenerationRequest(ids, request.Options)
            {
                OnToken = (id, _) => watcher.Append(id),
                CancellationToken = request.CancellationToken,
            };
        }

        var results = _tokens.Generate(tokenRequests);
        var texts = new TextGenerationResult[results.Count];
        for (int i = 0; i < results.Count; i++)
        {
            watchers[i].Finish();
            string text = _tokenizer.Decode(results[i].TokenIds, skipSpecialTokens: true);
            if (results[i].FinishReason == GenerationFinishReason.StopSequence) text = CutAtStop(text, requests[i].Options.StopStrings);
            texts[i] = new TextGenerationResult(text, results[i].TokenIds, results[i].FinishReason, results[i].PromptTokenCount);
        }
        return texts;
    }

    private static string CutAtStop(string text, IReadOnlyList<string> stops)
    {
        int cut = stops.Where(s => s.Length > 0).Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(text.Length).Min();
        return text[..cut];
    }
}
