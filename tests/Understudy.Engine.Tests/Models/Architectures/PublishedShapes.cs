namespace Understudy.Engine.Tests.Models.Architectures;

/// <summary>
/// Architecture keys of published checkpoints' config.json files, with each model's published parameter count
/// (as reported by transformers' num_parameters for the full checkpoint).
/// </summary>
public static class PublishedShapes
{
    public sealed record Case(string Name, string ConfigJson, long Parameters)
    {
        public override string ToString() => Name;
    }

    public static readonly Case[] All =
    [
        new("SmolLM2-135M", """
            {"model_type":"llama","hidden_size":576,"intermediate_size":1536,"num_hidden_layers":30,"num_attention_heads":9,
             "num_key_value_heads":3,"vocab_size":49152,"max_position_embeddings":8192,"rms_norm_eps":1e-05,
             "rope_theta":100000,"tie_word_embeddings":true,"hidden_act":"silu"}
            """, 134_515_008),
        new("Llama-3.2-1B", """
            {"model_type":"llama","hidden_size":2048,"intermediate_size":8192,"num_hidden_layers":16,"num_attention_heads":32,
             "num_key_value_heads":8,"head_dim":64,"vocab_size":128256,"max_position_embeddings":131072,"rms_norm_eps":1e-05,
             "rope_theta":500000.0,"tie_word_embeddings":true,"hidden_act":"silu",
             "rope_scaling":{"factor":32.0,"high_freq_factor":4.0,"low_freq_factor":1.0,"original_max_position_embeddings":8192,"rope_type":"llama3"}}
            """, 1_235_814_400),
        new("Qwen2.5-0.5B", """
            {"model_type":"qwen2","hidden_size":896,"intermediate_size":4864,"num_hidden_layers":24,"num_attention_heads":14,
             "num_key_value_heads":2,"vocab_size":151936,"max_position_embeddings":32768,"rms_norm_eps":1e-06,
             "rope_theta":1000000.0,"tie_word_embeddings":true,"hidden_act":"silu","sliding_window":32768,"use_sliding_window":false}
            """, 494_032_768),
        new("Qwen3-0.6B", """
            {"model_type":"qwen3","hidden_size":1024,"intermediate_size":3072,"num_hidden_layers":28,"num_attention_heads":16,
             "num_key_value_heads":8,"head_dim":128,"vocab_size":151936,"max_position_embeddings":40960,"rms_norm_eps":1e-06,
             "rope_theta":1000000,"tie_word_embeddings":true,"attention_bias":false,"hidden_act":"silu","use_sliding_window":false}
            """, 596_049_920),
        new("Mistral-7B-v0.1", """
            {"model_type":"mistral","hidden_size":4096,"intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,
             "num_key_value_heads":8,"vocab_size":32000,"max_position_embeddings":32768,"rms_norm_eps":1e-05,
             "rope_theta":10000.0,"sliding_window":4096,"tie_word_embeddings":false,"hidden_act":"silu"}
            """, 7_241_732_096),
        new("gemma-2b", """
            {"model_type":"gemma","hidden_size":2048,"intermediate_size":16384,"num_hidden_layers":18,"num_attention_heads":8,
             "num_key_value_heads":1,"head_dim":256,"vocab_size":256000,"max_position_embeddings":8192,"rms_norm_eps":1e-06,
             "rope_theta":10000.0,"hidden_act":"gelu"}
            """, 2_506_172_416),
        new("gemma-2-2b", """
            {"model_type":"gemma2","hidden_size":2304,"intermediate_size":9216,"num_hidden_layers":26,"num_attention_heads":8,
             "num_key_value_heads":4,"head_dim":256,"vocab_size":256000,"max_position_embeddings":8192,"rms_norm_eps":1e-06,
             "rope_theta":10000.0,"hidden_activation":"gelu_pytorch_tanh","query_pre_attn_scalar":256,"sliding_window":4096,
             "attn_logit_softcapping":50.0,"final_logit_softcapping":30.0}
            """, 2_614_341_888),
        new("Phi-3-mini-4k", """
            {"model_type":"phi3","hidden_size":3072,"intermediate_size":8192,"num_hidden_layers":32,"num_attention_heads":32,
             "num_key_value_heads":32,"vocab_size":32064,"max_position_embeddings":4096,"rms_norm_eps":1e-05,
             "rope_theta":10000.0,"sliding_window":2047,"tie_word_embeddings":false,"hidden_act":"silu","rope_scaling":null}
            """, 3_821_079_552),
    ];
}
