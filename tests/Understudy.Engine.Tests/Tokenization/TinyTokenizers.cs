using System.Text.Json.Nodes;
using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.Tokenization;

/// <summary>Small <c>tokenizer.json</c> documents written by the tests, one per tokenizer style.</summary>
internal static class TinyTokenizers
{
    public const int Hello = 259;
    public const int EndToken = 260;
    public const int BosToken = 261;
    public const int Ab = 262;
    public const int Bc = 263;
    public const int Hel = 264;

    /// <summary>GPT-2 style: the 256-character byte alphabet (id = byte), merges building "hello", "bc", a BOS template.</summary>
    public static JsonObject ByteLevel(bool ignoreMerges = false)
    {
        var vocab = new JsonObject();
        for (int b = 0; b < 256; b++) vocab[ByteLevelAlphabet.ByteToChar((byte)b).ToString()] = b;
        vocab["he"] = 256;
        vocab["ll"] = 257;
        vocab["hell"] = 258;
        vocab["hello"] = Hello;
        vocab["ab"] = Ab;
        vocab["bc"] = Bc;
        vocab["hel"] = Hel;
        return new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(Added(EndToken, "<|end|>"), Added(BosToken, "<bos>")),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["use_regex"] = true },
            ["post_processor"] = Template("<bos>", BosToken),
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["ignore_merges"] = ignoreMerges,
                ["vocab"] = vocab,
                ["merges"] = new JsonArray("b c", "h e", "l l", "he ll", "hell o", "a b"),
            },
        };
    }

    /// <summary>Llama 2 style: ▁ normalizer, byte fallback tokens, merges to "▁hi", Strip decoder.</summary>
    public static JsonObject SentencePiece(bool byteFallback = true)
    {
        var vocab = new JsonObject { ["<unk>"] = 0, ["<s>"] = 1, ["</s>"] = 2 };
        for (int b = 0; b < 256; b++) vocab[$"<0x{b:X2}>"] = 3 + b;
        vocab["▁"] = 259;
        vocab["h"] = 260;
        vocab["i"] = 261;
        vocab["▁h"] = 262;
        vocab["▁hi"] = 263;
        return new JsonObject
        {
            ["added_tokens"] = new JsonArray(Added(0, "<unk>"), Added(1, "<s>"), Added(2, "</s>")),
            ["normalizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["normalizers"] = new JsonArray(
                    new JsonObject { ["type"] = "Prepend", ["prepend"] = "▁" },
                    new JsonObject { ["type"] = "Replace", ["pattern"] = new JsonObject { ["String"] = " " }, ["content"] = "▁" }),
            },
            ["pre_tokenizer"] = null,
            ["post_processor"] = Template("<s>", 1),
            ["decoder"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["decoders"] = new JsonArray(
                    new JsonObject { ["type"] = "Replace", ["pattern"] = new JsonObject { ["String"] = "▁" }, ["content"] = " " },
                    new JsonObject { ["type"] = "ByteFallback" },
                    new JsonObject { ["type"] = "Fuse" },
                    new JsonObject { ["type"] = "Strip", ["content"] = " ", ["start"] = 1, ["stop"] = 0 }),
            },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["unk_token"] = "<unk>",
                ["fuse_unk"] = true,
                ["byte_fallback"] = byteFallback,
                ["vocab"] = vocab,
                ["merges"] = new JsonArray(new JsonArray("▁", "h"), new JsonArray("▁h", "i")),
            },
        };
    }

    public static HfTokenizer Load(JsonObject tokenizerJson, string? configJson = null) =>
        HfTokenizer.Parse(tokenizerJson.ToJsonString(), configJson is null ? null : TokenizerConfig.Parse(configJson, "tokenizer_config.json"));

    public static JsonObject Added(int id, string content, bool special = true) => new()
    {
        ["id"] = id,
        ["content"] = content,
        ["single_word"] = false,
        ["lstrip"] = false,
        ["rstrip"] = false,
        ["normalized"] = false,
        ["special"] = special,
    };

    private static JsonObject Template(string token, int id) => new()
    {
        ["type"] = "TemplateProcessing",
        ["single"] = new JsonArray(
            new JsonObject { ["SpecialToken"] = new JsonObject { ["id"] = token, ["type_id"] = 0 } },
            new JsonObject { ["Sequence"] = new JsonObject { ["id"] = "A", ["type_id"] = 0 } }),
        ["special_tokens"] = new JsonObject { [token] = new JsonObject { ["id"] = token, ["ids"] = new JsonArray(id), ["tokens"] = new JsonArray(token) } },
    };
}
