using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.Tokenization;

/// <summary>Family-specific rules of the real tokenizers: special ids, BOS policy, chat markers as single tokens.</summary>
public class KnownFamiliesTests
{
    [Fact]
    public void Llama2_adds_bos_and_ends_with_eos_2()
    {
        HfTokenizer tokenizer = TokenizerCache.Folder("tokenizers/llama2-derived");
        Assert.Equal(1, tokenizer.BosTokenId);
        Assert.Equal([2], tokenizer.EosTokenIds);
        Assert.Equal(32000, tokenizer.VocabularySize);
        Assert.Equal([1, 15043, 3186], tokenizer.Encode("Hello world"));
    }

    [Fact]
    public void Llama3_1_adds_begin_of_text_and_stops_on_eot()
    {
        HfTokenizer tokenizer = TokenizerCache.Folder("tokenizers/llama3_1");
        Assert.Equal(128000, tokenizer.BosTokenId);
        Assert.Contains(128009, tokenizer.EosTokenIds);
        Assert.Equal(128256, tokenizer.VocabularySize);
        Assert.Equal([128000, 9906, 1917], tokenizer.Encode("Hello world"));
        Assert.Equal([128006, 882, 128007], tokenizer.Encode("<|start_header_id|>user<|end_header_id|>", addSpecialTokens: false));
    }

    [Fact]
    public void Qwen3_adds_no_bos_and_reads_chat_markers_as_single_tokens()
    {
        HfTokenizer tokenizer = TokenizerCache.Folder("tokenizers/qwen3");
        Assert.Null(tokenizer.BosTokenId);
        Assert.Equal([151645], tokenizer.EosTokenIds);
        IReadOnlyList<int> ids = tokenizer.Encode("<|im_start|>user\nHi<|im_end|>");
        Assert.Equal(151644, ids[0]);
        Assert.Equal(151645, ids[^1]);
        Assert.Equal("user\nHi", tokenizer.Decode(ids));
        Assert.Equal("<|im_start|>user\nHi<|im_end|>", tokenizer.Decode(ids, skipSpecialTokens: false));
    }

    [Fact]
    public void Gemma3_adds_bos_and_keeps_turn_markers_whole()
    {
        HfTokenizer tokenizer = TokenizerCache.Folder("tokenizers/gemma3");
        Assert.Equal(2, tokenizer.BosTokenId);
        int startOfTurn = tokenizer.TokenToId("<start_of_turn>") ?? -1;
        IReadOnlyList<int> ids = tokenizer.Encode("<start_of_turn>user\nHello<end_of_turn>");
        Assert.Equal(2, ids[0]);
        Assert.Equal(startOfTurn, ids[1]);
        Assert.Equal(tokenizer.EosTokenIds[0], ids[^1]);
    }

    [Fact]
    public void Chat_templates_come_from_the_tokenizer_config()
    {
        Assert.Contains("<|im_start|>", TokenizerCache.Folder("tokenizers/qwen3").Config.ChatTemplates[TokenizerConfig.DefaultTemplateName]);
        Assert.Empty(TokenizerCache.Folder("tokenizers/llama2-derived").Config.ChatTemplates);
    }
}
