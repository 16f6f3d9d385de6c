using Understudy.Engine.Kernels;
using Understudy.Engine.Models;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Kernels;

// The tests in this class run one after another (xunit runs a class's tests sequentially), so switching the fused
// layer off for a reference run cannot hide it from another test here; other classes only see the per-op path then.
public class DecoderLayerKernelTests
{
    private const int PromptLength = 5, DecodeSteps = 4;

    public DecoderLayerKernelTests() => Assert.SkipUnless(SkinnyLinear.IsSupportedByHardware, "this CPU has no AVX2+FMA");

    [Theory]
    [InlineData("llama")]
    [InlineData("qwen2")]
    [InlineData("qwen3")]
    [InlineData("mistral")]
    [InlineData("gemma")]
    [InlineData("phi3")]
    public void Decode_steps_match_the_libtorch_layers_with_left_padding_and_grouped_heads(string family)
    {
        ModelConfig config = TinyModels.Family(family);
        using var model = TinyModels.Create(config);
        long before = DecoderLayerKernel.LayerStepsRun;

        Tensor[] fused = DecodeLogits(model, config, gradient: false);
        Tensor[] reference = DecodeLogits(model, config, gradient: true);   // recording gradients turns every CPU kernel off

        Assert.True(DecoderLayerKernel.LayerStepsRun - before >= DecodeSteps * config.NumHiddenLayers, "the fused layer did not run");
        for (int step = 0; step < DecodeSteps; step++)
        {
            Assert.False(fused[step].isnan().any().item<bool>());
            Assert.True(fused[step].allclose(reference[step], rtol: 1e-4, atol: 1e-5),
                $"step {step}: max diff {(fused[step] - reference[step]).abs().max().item<float>()}");
        }
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("mistral")]
    [InlineData("gemma")]
    [InlineData("phi3")]
    public void The_fused_layer_gives_the_per_op_kernels_results_bit_for_bit(string family)
    {
        ModelConfig config = TinyModels.Family(family);
        using var model = TinyModels.Create(config);

        Tensor[] fused = DecodeLogits(model, config, gradient: false);
        Tensor[] perOp;
        DecoderLayerKernel.Enabled = false;
        try
        {
            perOp = DecodeLogits(model, config, gradient: false);
        }
        finally
        {
            DecoderLayerKernel.Enabled = true;
        }

        for (int step = 0; step < DecodeSteps; step++) Assert.True(fused[step].eq(perOp[step]).all().item<bool>(), $"step {step} differs by {(fused[step] - perOp[step]).abs().max().item<float>()}");
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("qwen3")]
    [InlineData("gemma")]
    public void Bfloat16_decode_steps_are_as_close_to_float32_as_the_libtorch_bfloat16_layers(string family)
    {
        ModelConfig config = TinyModels.Family(family);
        using var model = TinyModels.Create(config, dtype: ScalarType.BFloat16);
        using var exact = TinyModels.Create(config);
        CopyWeights(model, exact);   // the same bf16 weights, widened exactly to float32
        long before = DecoderLayerKernel.LayerStepsRun;

        Tensor[] fused = DecodeLogits(model, config, gradient: false, ScalarType.BFloat16);
        Tensor[] libtorch = DecodeLogits(model, config, gradient: true, ScalarType.BFloat16);
        Tensor[] float32 = DecodeLogits(exact, config, gradient: true);

        Assert.True(DecoderLayerKernel.LayerStepsRun - before >= DecodeSteps * config.NumHiddenLayers, "the fused layer did not run");
        for (int step = 0; step < DecodeSteps; step++)
        {
            Assert.Equal(ScalarType.BFloat16, fused[step].dtype);
            float fusedError = MaxDifference(fused[step], float32[step]), libtorchError = MaxDifference(libtorch[step], float32[step]);
            // The fused layer rounds to bf16 once per layer (at its output) where libtorch rounds after every op.
            Assert.True(fusedError <= Math.Max(1.25f * libtorchError, 0.02f),
                $"step {step}: fused bf16 is {fusedError} from float32, libtorch's bf16 layers {libtorchError}");
        }
    }

    private static float MaxDifference(Tensor a, Tensor b)
    {
        using Tensor difference = (a.to_type(ScalarType.Float32) - b.to_type(ScalarType.Float32)).abs().max();
        return difference.item<float>();
    }

    private static void CopyWeights(CausalLanguageModel from, CausalLanguageModel to)
    {
        using var noGrad = no_grad();
        var source = from.state_dict();
        foreach (var (name, tensor) in to.state_dict()) tensor.copy_(source[name]);
    }

    /// <summary>
    /// Two rows (row 0 left-padded by two slots) prefilled together, then <see cref="DecodeSteps"/> teacher-forced decode
    /// steps on a <see cref="KvCache"/>; the logits of each step, [2, vocab].
    /// </summary>
    private static Tensor[] DecodeLogits(CausalLanguageModel model, ModelConfig config, bool gradient, ScalarType dtype = ScalarType.Float32)
    {
        using var grad = gradient ? enable_grad() : no_grad();
        using var cache = new KvCache(config, 2, PromptLength + DecodeSteps, dtype, CPU);
        var valid = new bool[2, PromptLength + DecodeSteps];
        for (int slot = 0; slot < valid.GetLength(1); slot++) (valid[0, slot], valid[1, slot]) = (slot >= 2, true);
        using Tensor validSlots = tensor(valid);
        using Tensor prompt = tensor(new long[,] { { 0, 0, 5, 9, 3 }, { 4, 8, 1, 6, 3 } });
        using Tensor promptPositions = tensor(new long[,] { { 0, 0, 0, 1, 2 }, { 0, 1, 2, 3, 4 } });
        using (model.call(new ModelInput(prompt, promptPositions, cache, 0, validSlots.narrow(1, 0, PromptLength)))) { }

        var logits = new Tensor[DecodeSteps];
        for (int step = 0; step < DecodeSteps; step++)
        {
            int offset = PromptLength + step;
            using Tensor ids = tensor(new long[,] { { 7 + step }, { 11 + step } });
            using Tensor positions = tensor(new long[,] { { offset - 2 }, { offset } });
            using Tensor slots = validSlots.narrow(1, 0, offset + 1);
            logits[step] = model.call(new ModelInput(ids, positions, cache, offset, slots)).detach().view(2, -1);
        }
        return logits;
    }
}
