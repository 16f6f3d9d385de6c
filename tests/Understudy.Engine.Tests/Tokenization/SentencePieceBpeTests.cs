using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.Tokenization;

public class SentencePieceBpeTests
{
    private const string Config = """{"bos_token": "<s>", "eos_token": "</s>", "add_bos_token": true, "add_eos_token": false}""";
    private readonly HfTokenizer _tokenizer = TinyTokenizers.Load(TinyTokenizers.SentencePiece(), Config);

    [Fact]
    public void Encode_prepends_the_word_marker_and_merges_words()
    {
        Assert.Equal([1, 263, 263], _tokenizer.Encode("hi hi"));
    }

    [Fact]
    public void Encode_falls_back_to_byte_tokens_for_characters_outside_the_vocabulary()
    {
        Assert.Equal([259, 3 + 0xC3, 3 + 0xA9], _tokenizer.Encode("é", addSpecialTokens: false));
    }

    [Fact]
    public void Encode_fuses_unknown_characters_into_one_unknown_token_without_byte_fallback()
    {
        HfTokenizer noFallback = TinyTokenizers.Load(TinyTokenizers.SentencePiece(byteFallback: false));
        Assert.Equal([259, 0, 263], noFallback.Encode("éé hi", addSpecialTokens: false));
    }

    [Fact]
    public void Decode_turns_byte_tokens_back_into_text_and_drops_the_prepended_space()
    {
        Assert.Equal("hi é", _tokenizer.Decode(_tokenizer.Encode("hi é")));
    }

    [Fact]
    public void Decode_writes_one_replacement_character_per_byte_of_an_invalid_byte_run()
    {
        Assert.Equal("\uFFFD\uFFFD", _tokenizer.Decode([3 + 0xC3, 3 + 0xC3]));
    }

    [Fact]
    public void Config_flags_override_the_post_processor()
    {
        HfTokenizer withEos = TinyTokenizers.Load(TinyTokenizers.SentencePiece(),
            """{"bos_token": "<s>", "eos_token": "</s>", "add_bos_token": false, "add_eos_token": true}""");
        Assert.Equal([263, 2], withEos.Encode("hi"));
        Assert.Equal(1, withEos.BosTokenId);
        Assert.Equal([2], withEos.EosTokenIds);
    }

    [Fact]
    public void Streaming_holds_back_an_incomplete_character_until_its_last_byte()
    {
        IStreamingDecoder stream = _tokenizer.CreateStreamingDecoder();
        Assert.Equal("hi", stream.Append(263));
        Assert.Equal(" ", stream.Append(259));
        Assert.Equal("", stream.Append(3 + 0xC3));
        Assert.Equal("é", stream.Append(3 + 0xA9));
        Assert.Equal(" hi", stream.Append(263));
        Assert.Equal("", stream.Flush());
    }

    [Fact]
    public void Streaming_flush_returns_what_is_held_back_at_the_end()
    {
        IStreamingDecoder stream = _tokenizer.CreateStreamingDecoder();
        Assert.Equal("", stream.Append(3 + 0xC3));
        Assert.Equal("\uFFFD", stream.Flush());
    }
}
