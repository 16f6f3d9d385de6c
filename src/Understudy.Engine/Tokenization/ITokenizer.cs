namespace Understudy.Engine.Tokenization;

/// <summary>
/// A model's tokenizer as loaded from <c>tokenizer.json</c> + <c>tokenizer_config.json</c>:
/// text to token ids and back, with the model's special-token rules. <see cref="HfTokenizer"/> is the implementation.
/// </summary>
public interface ITokenizer
{
    /// <summary>One more than the largest id (model vocabulary and added tokens): the embedding rows needed.</summary>
    int VocabularySize { get; }

    /// <summary>The id of <c>bos_token</c>, if the model has one (Qwen has none).</summary>
    int? BosTokenId { get; }

    /// <summary>Every id that ends generation (EOS, end-of-turn tokens from the configs).</summary>
    IReadOnlyList<int> EosTokenIds { get; }

    /// <summary>The id of <c>pad_token</c>, if the config names one.</summary>
    int? PadTokenId { get; }

    /// <summary>Encodes text; with <paramref name="addSpecialTokens"/> adds BOS/EOS as the tokenizer's post-processor says.</summary>
    IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true);

    /// <summary>Turns ids back into text; special tokens are left out unless <paramref name="skipSpecialTokens"/> is false.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the vocabulary.</exception>
    string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true);

    /// <summary>A decoder for streaming that emits only complete UTF-8 text as ids arrive.</summary>
    IStreamingDecoder CreateStreamingDecoder(bool skipSpecialTokens = true);
}

/// <summary>Turns a stream of token ids into text pieces, holding back incomplete UTF-8 sequences.</summary>
public interface IStreamingDecoder
{
    /// <summary>Returns the new complete text the id adds (may be empty).</summary>
    string Append(int id);

    /// <summary>Returns whatever is held back at the end of the stream.</summary>
    string Flush();
}
