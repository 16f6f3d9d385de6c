using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.Tokenization;

public class ByteLevelBpeTests
{
    private readonly HfTokenizer _tokenizer = TinyTokenizers.Load(TinyTokenizers.ByteLevel());

    [Fact]
    public void Encode_applies_merges_in_rank_order_until_none_applies()
    {
        Assert.Equal([TinyTokenizers.Hello], _tokenizer.Encode("hello", addSpecialTokens: false));
        Assert.Equal([' ', TinyTokenizers.Hello], _tokenizer.Encode(" hello", addSpecialTokens: false));
    }

    [Fact]
    public void Encode_prefers_the_lower_ranked_merge_over_the_leftmost_pair()
    {
        Assert.Equal(['a', TinyTokenizers.Bc], _tokenizer.Encode("abc", addSpecialTokens: false));
    }

    [Fact]
    public void Encode_takes_a_word_from_the_vocabulary_whole_when_merges_are_ignored()
    {
        HfTokenizer ignoring = TinyTokenizers.Load(TinyTokenizers.ByteLevel(ignoreMerges: true));
        Assert.Equal([256, 'l'], _tokenizer.Encode("hel", addSpecialTokens: false));
        Assert.Equal([TinyTokenizers.Hel], ignoring.Encode("hel", addSpecialTokens: false));
    }

    [Fact]
    public void Encode_maps_every_utf8_byte_of_an_unknown_character_to_its_byte_token()
    {
        Assert.Equal([0xF0, 0x9F, 0x98, 0x80], _tokenizer.Encode("😀", addSpecialTokens: false));
    }

    [Fact]
    public void Encode_adds_the_post_processor_bos_only_when_asked()
    {
        Assert.Equal([TinyTokenizers.BosToken, TinyTokenizers.Hello], _tokenizer.Encode("hello"));
        Assert.Equal(TinyTokenizers.BosToken, _tokenizer.BosTokenId);
    }

    [Fact]
    public void Encode_finds_special_tokens_inside_the_text()
    {
        Assert.Equal([TinyTokenizers.Hello, TinyTokenizers.EndToken, ' ', TinyTokenizers.Hello],
            _tokenizer.Encode("hello<|end|> hello", addSpecialTokens: false));
    }

    [Fact]
    public void Encode_can_keep_special_token_text_as_plain_characters()
    {
        IReadOnlyList<int> ids = _tokenizer.Encode("<|end|>", addSpecialTokens: false, parseSpecialTokens: false);
        Assert.DoesNotContain(TinyTokenizers.EndToken, ids);
        Assert.Equal("<|end|>", _tokenizer.Decode(ids));
    }

    [Fact]
    public void Decode_skips_special_tokens_unless_asked_to_keep_them()
    {
        int[] ids = [TinyTokenizers.BosToken, TinyTokenizers.Hello, TinyTokenizers.EndToken];
        Assert.Equal("hello", _tokenizer.Decode(ids));
        Assert.Equal("<bos>hello<|end|>", _tokenizer.Decode(ids, skipSpecialTokens: false));
    }

    [Fact]
    public void Decode_rejects_an_id_outside_the_vocabulary()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.Decode([9999]));
        Assert.Contains("9999", error.Message);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("mixed 😀 emoji, 日本語 and\ttabs\n")]
    [InlineData("")]
    public void Decode_of_encode_gives_back_the_text(string text)
    {
        Assert.Equal(text, _tokenizer.Decode(_tokenizer.Encode(text)));
    }
}
