using TorchSharp.Modules;
using Understudy.Engine.Adapters;
using Understudy.Engine.Models;
using Understudy.Engine.Models.Blocks;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Understudy.Engine.Tests.Adapters;

public class LoraAdaptersTests
{
    [Fact]
    public void Attach_wraps_the_named_modules_of_every_layer_with_PEFT_suffix_matching()
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings("q_proj", "v_proj"), seed: 1);

        Assert.Equal(
            ["model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.v_proj", "model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj"],
            attached.TargetModulePaths);
        Assert.Equal(8, attached.TrainableParameters.Count);
        Assert.Equal("model.layers.0.self_attn.q_proj.lora_A.weight", attached.TrainableParameters[0].Name);
    }

    [Fact]
    public void All_linear_wraps_every_decoder_projection_but_not_lm_head()
    {
        using var model = TinyModels.Create(TinyModels.Llama(tied: false));
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(LoraSettings.AllLinear), seed: 1);

        Assert.Equal(14, attached.TargetModulePaths.Count);
        Assert.DoesNotContain(attached.TargetModulePaths, p => p.Contains("lm_head"));
        Assert.Contains("model.layers.1.mlp.down_proj", attached.TargetModulePaths);
    }

    [Fact]
    public void Attach_fails_naming_a_target_that_matches_no_layer()
    {
        using var model = TinyModels.Create(TinyModels.Llama());

        var error = Assert.Throws<ArgumentException>(() => LoraAdapters.Attach(model, LoraTestModels.Settings("q_proj", "query_key_value"), seed: 1));

        Assert.Contains("'query_key_value'", error.Message);
        Assert.Contains("q_proj", error.Message);
    }

    [Fact]
    public void After_attach_only_adapter_parameters_require_grad()
    {
        using var model = TinyModels.Create(TinyModels.Llama(tied: false));
        using (no_grad()) foreach (var p in model.parameters()) p.requires_grad_(true);
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(LoraSettings.AllLinear), seed: 1);

        var trainable = attached.TrainableParameters.Select(t => (object)t.Parameter).ToHashSet(ReferenceEqualityComparer.Instance);
        var requiringGrad = model.parameters().Where(p => p.requires_grad).ToList();

        Assert.Equal(trainable.Count, requiringGrad.Count);
        Assert.All(requiringGrad, p => Assert.Contains(p, trainable));
    }

    [Fact]
    public void Backward_gives_gradients_to_the_adapters_only()
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(LoraSettings.AllLinear), seed: 1);
        LoraTestModels.RandomizeB(attached);
        using var ids = TinyModels.Ids(LoraTestModels.Prompt);

        using (var logits = model.call(ModelInput.ForSequence(ids)))
        using (var loss = F.cross_entropy(logits.squeeze(0)[..^1], ids.squeeze(0)[1..]))
        {
            loss.backward();
        }

        Assert.All(attached.TrainableParameters, t => Assert.True(t.Parameter.grad is { } g && g.abs().sum().item<float>() > 0, $"{t.Name} got no gradient"));
        var trainable = attached.TrainableParameters.Select(t => (object)t.Parameter).ToHashSet(ReferenceEqualityComparer.Instance);
        Assert.All(model.named_parameters().Where(p => !trainable.Contains(p.parameter)), p => Assert.Null(p.parameter.grad));
    }

    [Fact]
    public void Fresh_adapters_leave_the_model_output_unchanged()
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        using var before = LoraTestModels.Logits(model);
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(LoraSettings.AllLinear), seed: 1);

        using var after = LoraTestModels.Logits(model);

        // Within float32 rounding: the base alone may run the engine's own decode-size kernel, the wrapped layers libtorch.
        Assert.True(after.allclose(before, rtol: 1e-5, atol: 1e-5), $"max diff {LoraTestModels.MaxDiff(after, before)}");
    }

    [Fact]
    public void Adapters_on_fused_qkv_and_gate_up_parts_give_the_explicit_result_with_and_without_grad()
    {
        using var model = TinyModels.Create(TinyModels.Llama(bias: true));
        using var reference = TinyModels.Create(TinyModels.Llama(bias: true));
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings("k_proj", "up_proj"), seed: 1);
        LoraTestModels.RandomizeB(attached);
        // The explicit computation: a second copy of the model whose k/up weights get s·B·A added by hand.
        using (no_grad())
        {
            var weights = reference.state_dict();
            foreach (var (path, layer) in attached.TargetModulePaths.Zip(attached.Layers))
                weights[path + ".weight"].add_(2.0 * matmul(layer.WeightB, layer.WeightA));
        }

        using var expected = LoraTestModels.LogitsWithGrad(reference);
        using var inference = LoraTestModels.Logits(model);
        using var training = LoraTestModels.LogitsWithGrad(model);

        Assert.True(inference.allclose(expected, rtol: 1e-4, atol: 1e-4), $"no-grad path differs by {LoraTestModels.MaxDiff(inference, expected)}");
        Assert.True(training.allclose(expected, rtol: 1e-4, atol: 1e-4), $"grad path differs by {LoraTestModels.MaxDiff(training, expected)}");
    }

    [Fact]
    public void Dispose_detaches_the_adapters_and_restores_the_base_layers()
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        using var before = LoraTestModels.Logits(model);
        var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(), seed: 1);
        LoraTestModels.RandomizeB(attached);
        using var adapted = LoraTestModels.Logits(model);

        attached.Dispose();
        using var after = LoraTestModels.Logits(model);

        Assert.False(adapted.allclose(before, rtol: 1e-4, atol: 1e-4));
        Assert.True(after.allclose(before, rtol: 0, atol: 0));
        Assert.DoesNotContain(model.modules(), m => m is LoraLinear);
        Assert.All(model.modules().OfType<Attention>(), a => Assert.IsType<Linear>(a.GetProjection("q_proj")));
    }

    [Fact]
    public void Set_training_mode_switches_adapter_dropout()
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings() with { Dropout = 0.5 }, seed: 1);
        LoraTestModels.RandomizeB(attached);

        attached.SetTrainingMode(true);
        using var first = LoraTestModels.LogitsWithGrad(model);
        using var second = LoraTestModels.LogitsWithGrad(model);
        attached.SetTrainingMode(false);
        using var third = LoraTestModels.LogitsWithGrad(model);
        using var fourth = LoraTestModels.LogitsWithGrad(model);

        Assert.False(first.allclose(second, rtol: 0, atol: 0));
        Assert.True(third.allclose(fourth, rtol: 0, atol: 0));
    }

    [Fact]
    public void On_a_bfloat16_base_adapters_stay_float32_and_merge_to_the_same_logits()
    {
        using var model = TinyModels.Create(TinyModels.Llama(), dtype: ScalarType.BFloat16);
        var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(LoraSettings.AllLinear), seed: 1);
        LoraTestModels.RandomizeB(attached, std: 0.05);
        using var adapted = LoraTestModels.LogitsWithGrad(model);
        using var ids = TinyModels.Ids(LoraTestModels.Prompt);
        using (var logits = model.call(ModelInput.ForSequence(ids))) logits.to_type(ScalarType.Float32).sum().backward();

        Assert.Equal(ScalarType.BFloat16, adapted.dtype);
        Assert.All(attached.TrainableParameters, t => Assert.Equal(ScalarType.Float32, t.Parameter.grad!.dtype));
        attached.MergeIntoBase();
        attached.Dispose();
        using var merged = LoraTestModels.Logits(model);
        // bf16 keeps 8 bits of mantissa: the merged weights round once more than the unmerged sum.
        Assert.True(merged.to_type(ScalarType.Float32).allclose(adapted.to_type(ScalarType.Float32), rtol: 0.05, atol: 0.05),
            $"max diff {LoraTestModels.MaxDiff(merged.to_type(ScalarType.Float32), adapted.to_type(ScalarType.Float32))}");
    }

    [Theory]
    [InlineData(0, 16, 0.1)]
    [InlineData(4, 0, 0.1)]
    [InlineData(4, 16, 1.0)]
    public void Invalid_settings_are_refused_naming_the_key(int rank, double alpha, double dropout)
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        var settings = new LoraSettings { Rank = rank, Alpha = alpha, Dropout = dropout };

        var error = Assert.Throws<ArgumentException>(() => LoraAdapters.Attach(model, settings, seed: 1));

        Assert.Matches("lora_(r|alpha|dropout)", error.Message);
    }
}
