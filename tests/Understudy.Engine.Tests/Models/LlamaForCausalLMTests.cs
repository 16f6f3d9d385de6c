using Understudy.Engine.Models;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Models;

public class LlamaForCausalLMTests
{
    private static readonly long[] Prompt = [1, 17, 5, 42, 9, 33, 60, 2];

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Logits_match_a_plain_reference_computation(bool tied, bool bias)
    {
        var config = TinyModels.Llama(tied, bias);
        using var model = TinyModels.Create(config);
        using var noGrad = no_grad();

        using var ids = TinyModels.Ids(Prompt);
        using var logits = model.call(ModelInput.ForSequence(ids)).squeeze(0).to_type(ScalarType.Float64);
        using var expected = ReferenceDecoder.Logits(config, model.state_dict(), Prompt);

        Assert.True(logits.allclose(expected, rtol: 1e-4, atol: 1e-4), $"max diff {(logits - expected).abs().max().item<double>()}");
    }

    [Fact]
    public void Fused_inference_path_and_separate_training_path_give_the_same_logits()
    {
        using var model = TinyModels.Create(TinyModels.Llama(bias: true));
        using var ids = TinyModels.Ids(Prompt);

        using var separate = model.call(ModelInput.ForSequence(ids)).detach();   // grad enabled: per-projection path
        Tensor fused;
        using (no_grad()) fused = model.call(ModelInput.ForSequence(ids));

        Assert.True(fused.allclose(separate, rtol: 1e-5, atol: 1e-5));
        fused.Dispose();
    }

    [Fact]
    public void Tied_head_is_the_embedding_tensor_itself_and_has_no_checkpoint_key()
    {
        using var model = TinyModels.Create(TinyModels.Llama(tied: true));
        var keys = model.state_dict().Keys;

        Assert.DoesNotContain("lm_head.weight", keys);
        using (no_grad()) model.state_dict()["model.embed_tokens.weight"][3, 4] = tensor(123f);
        Assert.Equal(123f, model.OutputWeight[3, 4].item<float>());
    }

    [Fact]
    public void State_dict_uses_hugging_face_key_names()
    {
        using var model = TinyModels.Create(TinyModels.Llama(tied: false));

        var keys = model.state_dict().Keys.ToHashSet();

        Assert.Contains("model.embed_tokens.weight", keys);
        Assert.Contains("model.layers.1.self_attn.q_proj.weight", keys);
        Assert.Contains("model.layers.1.self_attn.k_proj.weight", keys);
        Assert.Contains("model.layers.0.mlp.gate_proj.weight", keys);
        Assert.Contains("model.layers.0.post_attention_layernorm.weight", keys);
        Assert.Contains("model.norm.weight", keys);
        Assert.Contains("lm_head.weight", keys);
        Assert.True(2 * 9 + 3 == keys.Count, string.Join(", ", keys));
    }

    [Fact]
    public void Saved_model_loads_back_with_identical_logits_in_float32_and_close_in_bfloat16()
    {
        using var folder = new TempFolder();
        var config = TinyModels.Llama();
        using var original = TinyModels.Create(config);
        CausalLanguageModels.Save(original, folder.Path);
        using var noGrad = no_grad();
        using var ids = TinyModels.Ids(Prompt);
        using var expected = original.call(ModelInput.ForSequence(ids));

        using var loaded = CausalLanguageModels.Load(folder.Path);
        using var bf16 = CausalLanguageModels.Load(folder.Path, new ModelLoadOptions { TorchDtype = "bfloat16" });
        using var actual = loaded.call(ModelInput.ForSequence(ids));
        using var approx = bf16.call(ModelInput.ForSequence(ids)).to_type(ScalarType.Float32);

        Assert.True(actual.eq(expected).all().item<bool>());
        Assert.Equal(ScalarType.BFloat16, bf16.DType);
        Assert.True(approx.allclose(expected, rtol: 0.1, atol: 0.15), $"max diff {(approx - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void Loading_weights_that_do_not_match_the_config_names_the_missing_keys()
    {
        using var folder = new TempFolder();
        TinyModels.Save(TinyModels.Llama(tied: true), folder.Path);
        (TinyModels.Llama(tied: false) with { }).Save(Path.Combine(folder.Path, "config.json"));

        var error = Assert.Throws<InvalidDataException>(() => CausalLanguageModels.Load(folder.Path));

        Assert.Contains("lm_head.weight", error.Message);
        Assert.Contains("tie_word_embeddings", error.Message);
    }
}
