using System.Text.Json.Nodes;
using Understudy.Engine.Models;
using Understudy.Engine.Tokenization;
using static TorchSharp.torch;

namespace Understudy.Testing.Models;

/// <summary>
/// Writes a tiny random Llama with a byte-level tokenizer (ids 0-255 are bytes, 256 = &lt;|im_start|&gt;,
/// 257 = &lt;|im_end|&gt;, also EOS and padding) and a ChatML template: a complete, servable and trainable model
/// folder. Every byte is one token, so <paramref name="maxPositions"/> must cover the longest prompt in bytes.
/// </summary>
public static class TinyChatModel
{
    public const int ImEnd = 257;

    public const string ChatMl =
        "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    public static void Write(string folder, long seed = 5, int maxPositions = 256)
    {
        Directory.CreateDirectory(folder);
        var config = new ModelConfig
        {
            ModelType = "llama",
            HiddenSize = 32,
            IntermediateSize = 64,
            NumHiddenLayers = 2,
            NumAttentionHeads = 4,
            NumKeyValueHeads = 2,
            VocabSize = 258,
            MaxPositionEmbeddings = maxPositions,
            RmsNormEps = 1e-5,
            RopeTheta = 10000,
            TieWordEmbeddings = true,
            EosTokenId = [ImEnd],
        };
        using (var model = ModelArchitectures.Create(config, CPU, ScalarType.Float32))
        {
            ModelWeights.Randomize(model, seed, 0.1);
            CausalLanguageModels.Save(model, folder);
        }
        var vocab = new JsonObject();
        for (int b = 0; b < 256; b++) vocab[ByteLevelAlphabet.ByteToChar((byte)b).ToString()] = b;
        var tokenizer = new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(Added(256, "<|im_start|>"), Added(ImEnd, "<|im_end|>")),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["use_regex"] = true },
            ["post_processor"] = null,
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject { ["type"] = "BPE", ["vocab"] = vocab, ["merges"] = new JsonArray() },
        };
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), tokenizer.ToJsonString());
        var tokenizerConfig = new JsonObject { ["chat_template"] = ChatMl, ["eos_token"] = "<|im_end|>", ["pad_token"] = "<|im_end|>" };
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), tokenizerConfig.ToJsonString());
    }

    private static JsonObject Added(int id, string content) => new()
    {
        ["id"] = id,
        ["content"] = content,
        ["single_word"] = false,
        ["lstrip"] = false,
        ["rstrip"] = false,
        ["normalized"] = false,
        ["special"] = true,
    };
}
