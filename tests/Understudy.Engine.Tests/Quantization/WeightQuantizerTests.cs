using TorchSharp.Modules;
using Understudy.Engine.Adapters;
using Understudy.Engine.Models;
using Understudy.Engine.Models.Blocks;
using Understudy.Engine.Quantization;
using Understudy.Engine.Tests.Adapters;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Understudy.Engine.Tests.Quantization;

public class WeightQuantizerTests
{
    private static QuantizationSettings Settings(int bits) => new() { Bits = bits, GroupSize = 16 };

    [Theory]
    [InlineData(8, 0.3125)]    // (1 byte + 4-byte scale / 16) / 4 bytes
    [InlineData(4, 0.1875)]    // (½ byte + 4-byte scale / 16) / 4 bytes
    public void Quantizing_a_float32_model_stores_its_decoder_linears_at_the_expected_ratio(int bits, double ratio)
    {
        using var model = TinyModels.Create(TinyModels.Llama(tied: false));
        long linearWeights = LoraTargets.All(model).Sum(t => ((Linear)t.Host.GetProjection(t.SlotName)).weight!.numel());

        var report = WeightQuantizer.QuantizeFrozenLinears(model, Settings(bits));

        Assert.Equal(14, report.LayerCount);
        Assert.Equal(linearWeights * 4, report.BytesBefore);
        Assert.Equal(ratio, report.Ratio, precision: 6);
        Assert.Equal(report.BytesBefore - report.BytesAfter, report.BytesSaved);
        Assert.All(LoraTargets.All(model), t => Assert.IsType<QuantizedLinear>(t.Host.GetProjection(t.SlotName)));
        Assert.Contains("lm_head.weight", model.state_dict().Keys);
        Assert.DoesNotContain(model.state_dict().Keys, k => k.EndsWith("q_proj.weight", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(8, 0.02)]
    [InlineData(4, 0.25)]
    public void A_quantized_model_gives_logits_close_to_the_float_model(int bits, double bound)
    {
        using var model = TinyModels.Create(TinyModels.Llama(bias: true), std: 0.1);
        using var expected = LoraTestModels.Logits(model);

        WeightQuantizer.QuantizeFrozenLinears(model, Settings(bits));
        using var inference = LoraTestModels.Logits(model);
        using var training = LoraTestModels.LogitsWithGrad(model);

        // Relative error of the logits: int8 < 2 %, NF4 < 25 % on this tiny random model.
        double relative = (inference - expected).norm().item<float>() / expected.norm().item<float>();
        Assert.True(relative < bound, $"relative logit error {relative:F4} ≥ {bound}");
        Assert.True(training.allclose(inference, rtol: 1e-5, atol: 1e-5));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void LoRA_on_a_quantized_base_trains_only_the_adapters_and_their_gradients_flow_through_it(int bits)
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        WeightQuantizer.QuantizeFrozenLinears(model, Settings(bits));
        using var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(LoraSettings.AllLinear), seed: 1);
        LoraTestModels.RandomizeB(attached);
        using var ids = TinyModels.Ids(LoraTestModels.Prompt);

        using (var logits = model.call(ModelInput.ForSequence(ids)))
        using (var loss = F.cross_entropy(logits.squeeze(0)[..^1], ids.squeeze(0)[1..]))
        {
            loss.backward();
        }

        // A's gradient in layer 0 needs dL/dy of that layer, which flows back through every quantized layer above it.
        Assert.All(attached.TrainableParameters, t => Assert.True(t.Parameter.grad is { } g && g.abs().sum().item<float>() > 0, $"{t.Name} got no gradient"));
        Assert.All(attached.Layers, l => Assert.IsType<QuantizedLinear>(l.BaseLayer));
        Assert.Equal(attached.TrainableParameters.Count, model.parameters().Count(p => p.requires_grad));
    }

    [Fact]
    public void Merging_into_a_quantized_base_gives_plain_layers_with_the_adapted_logits()
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        WeightQuantizer.QuantizeFrozenLinears(model, Settings(8));
        var attached = LoraAdapters.Attach(model, LoraTestModels.Settings(), seed: 1);
        LoraTestModels.RandomizeB(attached);
        using var adapted = LoraTestModels.Logits(model);

        attached.MergeIntoBase();
        using var merged = LoraTestModels.Logits(model);

        Assert.True(merged.allclose(adapted, rtol: 1e-4, atol: 1e-4), $"max diff {LoraTestModels.MaxDiff(merged, adapted)}");
        Assert.All(model.modules().OfType<Attention>(), a => Assert.IsType<Linear>(a.GetProjection("q_proj")));
        Assert.All(model.modules().OfType<Attention>(), a => Assert.IsType<QuantizedLinear>(a.GetProjection("k_proj")));
    }

    [Fact]
    public void Quantizing_twice_or_after_attaching_LoRA_is_refused()
    {
        using var model = TinyModels.Create(TinyModels.Llama());
        using (LoraAdapters.Attach(model, LoraTestModels.Settings(), seed: 1))
        {
            Assert.Contains("before attaching", Assert.Throws<InvalidOperationException>(() => WeightQuantizer.QuantizeFrozenLinears(model, Settings(8))).Message);
        }
        WeightQuantizer.QuantizeFrozenLinears(model, Settings(8));

        Assert.Contains("once", Assert.Throws<InvalidOperationException>(() => WeightQuantizer.QuantizeFrozenLinears(model, Settings(8))).Message);
    }
}
