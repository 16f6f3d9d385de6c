using Understudy.Engine.Models;

namespace Understudy.Engine.Tests.Models;

public class ModelConfigTests
{
    [Fact]
    public void Parse_reads_hugging_face_keys_and_eos_lists()
    {
        const string json = """
            {"model_type":"llama","hidden_size":64,"intermediate_size":172,"num_hidden_layers":5,
             "num_attention_heads":8,"num_key_value_heads":4,"vocab_size":512,"rms_norm_eps":1e-05,
             "rope_theta":500000.0,"tie_word_embeddings":true,"eos_token_id":[128001,128009],
             "rope_scaling":{"rope_type":"llama3","factor":32.0,"low_freq_factor":1.0,"high_freq_factor":4.0,
                             "original_max_position_embeddings":8192}}
            """;

        var config = ModelConfig.Parse(json, "config.json");

        Assert.Equal(8, config.ResolvedHeadDim);
        Assert.Equal(4, config.ResolvedKeyValueHeads);
        Assert.Equal([128001, 128009], config.EosTokenId);
        Assert.Equal("llama3", config.RopeScaling!.Kind);
        Assert.Equal(8192, config.RopeScaling.OriginalMaxPositionEmbeddings);
        Assert.True(config.TieWordEmbeddings == true);
    }

    [Fact]
    public void Parse_accepts_a_single_eos_id_and_round_trips_through_json()
    {
        var config = ModelConfig.Parse("""{"model_type":"qwen2","hidden_size":8,"intermediate_size":8,"num_hidden_layers":1,"num_attention_heads":2,"vocab_size":10,"eos_token_id":3}""", "c");

        var again = ModelConfig.Parse(config.ToJson(), "again");

        Assert.Equal([3], again.EosTokenId);
        Assert.Equal(config.NumAttentionHeads, again.NumAttentionHeads);
        Assert.Equal(config.ModelType, again.ModelType);
    }

    [Fact]
    public void Parse_names_the_missing_key()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            ModelConfig.Parse("""{"model_type":"llama","hidden_size":8,"num_hidden_layers":1,"num_attention_heads":2,"vocab_size":10}""", "my/config.json"));

        Assert.Contains("my/config.json", error.Message);
        Assert.Contains("intermediate_size", error.Message);
    }

    [Fact]
    public void Parse_rejects_heads_that_do_not_group()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            ModelConfig.Parse("""{"model_type":"llama","hidden_size":12,"intermediate_size":8,"num_hidden_layers":1,"num_attention_heads":6,"num_key_value_heads":4,"vocab_size":10}""", "c"));

        Assert.Contains("num_key_value_heads", error.Message);
    }
}
