using Understudy.Engine.Adapters;
using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Adapters;

public class LoraLinearTests
{
    private static LoraLinear Create(double dropout = 0, double scaling = 2.0)
    {
        var linear = Projection.Create(8, 6, hasBias: true, CPU, ScalarType.Float32);
        using (no_grad())
        {
            using var generator = new Generator(11);
            linear.weight!.copy_(randn([6, 8], generator: generator));
            linear.bias!.copy_(randn([6], generator: generator));
        }
        var lora = new LoraLinear(linear, rank: 4, scaling, dropout, ScalarType.Float32);
        using var init = new Generator(5);
        lora.ResetParameters(init);
        return lora;
    }

    [Fact]
    public void Forward_equals_W_x_plus_b_plus_scale_times_B_A_x()
    {
        using var lora = Create(scaling: 2.0);
        using (no_grad()) lora.WeightB.copy_(randn([6, 4], generator: new Generator(9)));
        using var x = randn([3, 5, 8], generator: new Generator(1));
        var baseLayer = (TorchSharp.Modules.Linear)lora.BaseLayer;

        using var actual = lora.call(x);
        using var expected = matmul(x, baseLayer.weight!.t()) + baseLayer.bias!
            + 2.0 * matmul(matmul(x, lora.WeightA.t()), lora.WeightB.t());

        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-5), $"max diff {LoraTestModels.MaxDiff(actual, expected)}");
    }

    [Fact]
    public void Fresh_adapter_has_zero_B_and_Kaiming_uniform_A_so_output_equals_the_base()
    {
        using var lora = Create();
        using var x = randn([2, 8], generator: new Generator(2));

        using var withAdapter = lora.call(x);
        using var withoutAdapter = lora.BaseLayer.call(x);

        Assert.Equal(0f, lora.WeightB.abs().max().item<float>());
        float bound = 1f / MathF.Sqrt(8);
        Assert.True(lora.WeightA.abs().max().item<float>() <= bound, "A must lie within ±1/sqrt(in) (kaiming_uniform, a = sqrt(5))");
        Assert.True(lora.WeightA.abs().max().item<float>() > bound / 2, "A must not be degenerate");
        Assert.True(withAdapter.allclose(withoutAdapter, rtol: 0, atol: 0));
    }

    [Fact]
    public void Dropout_on_the_adapter_input_acts_only_in_training_mode()
    {
        using var lora = Create(dropout: 0.5);
        using (no_grad()) lora.WeightB.copy_(randn([6, 4], generator: new Generator(9)));
        using var x = randn([4, 8], generator: new Generator(3));

        lora.eval();
        using var first = lora.call(x);
        using var second = lora.call(x);
        lora.train();
        using var trained = lora.call(x);

        Assert.True(first.allclose(second, rtol: 0, atol: 0));
        Assert.False(trained.allclose(first));
    }

    [Fact]
    public void Delta_weight_is_scale_times_B_times_A()
    {
        using var lora = Create(scaling: 0.5);
        using (no_grad()) lora.WeightB.copy_(randn([6, 4], generator: new Generator(4)));

        using var delta = lora.DeltaWeight();
        using var expected = 0.5 * matmul(lora.WeightB, lora.WeightA);

        Assert.Equal([6L, 8L], delta.shape);
        Assert.True(delta.allclose(expected, rtol: 1e-6, atol: 1e-6));
    }
}
