using System.Text.Json.Nodes;
using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.Tokenization;

public class TokenizerLoadingTests
{
    [Fact]
    public void A_merge_naming_a_token_outside_the_vocabulary_is_reported_with_its_index()
    {
        JsonObject json = TinyTokenizers.ByteLevel();
        json["model"]!["merges"] = new JsonArray("h e", "x yz");
        var error = Assert.Throws<TokenizerFormatException>(() => TinyTokenizers.Load(json));
        Assert.Contains("model.merges[1]", error.Message);
    }

    [Fact]
    public void A_model_type_other_than_bpe_is_rejected_by_name()
    {
        JsonObject json = TinyTokenizers.ByteLevel();
        json["model"]!["type"] = "WordPiece";
        var error = Assert.Throws<TokenizerFormatException>(() => TinyTokenizers.Load(json));
        Assert.Contains("WordPiece", error.Message);
    }

    [Fact]
    public void An_unsupported_pre_tokenizer_is_rejected_with_its_path()
    {
        JsonObject json = TinyTokenizers.ByteLevel();
        json["pre_tokenizer"] = new JsonObject { ["type"] = "Sequence", ["pretokenizers"] = new JsonArray(new JsonObject { ["type"] = "Whitespace" }) };
        var error = Assert.Throws<TokenizerFormatException>(() => TinyTokenizers.Load(json));
        Assert.Contains("pre_tokenizer.pretokenizers[0].type 'Whitespace'", error.Message);
    }

    [Fact]
    public void A_config_special_token_missing_from_the_vocabulary_is_reported()
    {
        var error = Assert.Throws<TokenizerFormatException>(() => TinyTokenizers.Load(TinyTokenizers.ByteLevel(), """{"eos_token": "<nope>"}"""));
        Assert.Contains("eos_token '<nope>'", error.Message);
    }

    [Fact]
    public void Config_reads_token_objects_and_named_chat_templates()
    {
        TokenizerConfig config = TokenizerConfig.Parse(
            """{"bos_token": {"content": "<bos>", "__type": "AddedToken"}, "chat_template": [{"name": "default", "template": "A"}, {"name": "tool_use", "template": "B"}]}""",
            "tokenizer_config.json");
        Assert.Equal("<bos>", config.BosToken);
        Assert.Equal("A", config.ChatTemplates["default"]);
        Assert.Equal("B", config.ChatTemplates["tool_use"]);
    }

    [Fact]
    public void From_folder_reads_the_config_chat_template_file_and_generation_eos_ids()
    {
        string folder = Directory.CreateTempSubdirectory("understudy-tok-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "tokenizer.json"), TinyTokenizers.ByteLevel().ToJsonString());
            File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), """{"bos_token": "<bos>", "eos_token": "<|end|>", "chat_template": "old"}""");
            File.WriteAllText(Path.Combine(folder, "chat_template.jinja"), "new");
            File.WriteAllText(Path.Combine(folder, "generation_config.json"), """{"eos_token_id": [260, 104]}""");

            HfTokenizer tokenizer = HfTokenizer.FromFolder(folder);

            Assert.Equal([TinyTokenizers.EndToken, 104], tokenizer.EosTokenIds);
            Assert.Equal("new", tokenizer.Config.ChatTemplates[TokenizerConfig.DefaultTemplateName]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void From_folder_without_tokenizer_json_says_what_is_missing()
    {
        string folder = Directory.CreateTempSubdirectory("understudy-tok-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => HfTokenizer.FromFolder(folder));
            Assert.Contains("tokenizer.json", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
