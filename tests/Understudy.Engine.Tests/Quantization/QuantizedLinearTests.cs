using TorchSharp.Modules;
using Understudy.Engine.Models.Blocks;
using Understudy.Engine.Quantization;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Quantization;

public class QuantizedLinearTests
{
    private const int GroupSize = 16;

    private static Linear RandomLinear(long inFeatures = 64, long outFeatures = 24, bool bias = true)
    {
        var linear = Projection.Create(inFeatures, outFeatures, bias, CPU, ScalarType.Float32);
        using var generator = new Generator(21);
        using var noGrad = no_grad();
        linear.weight!.copy_(randn([outFeatures, inFeatures], generator: generator).mul_(0.05));
        linear.bias?.copy_(randn([outFeatures], generator: generator));
        return linear;
    }

    private static Tensor GroupAbsMax(Tensor weight) =>
        weight.view(weight.shape[0], -1, GroupSize).abs().amax([-1], keepdim: true).expand(weight.shape[0], -1, GroupSize).reshape(weight.shape);

    [Fact]
    public void Int8_dequantized_weight_is_within_half_a_step_of_the_float_weight()
    {
        using var linear = RandomLinear();
        using var quantized = QuantizedLinear.FromLinear(linear, new QuantizationSettings { Bits = 8, GroupSize = GroupSize }, "test");

        using var restored = quantized.Dequantize();
        using var error = (restored - linear.weight!).abs();
        using var halfStep = GroupAbsMax(linear.weight!).div(127.0 * 2).add(1e-7);

        // Symmetric absmax rounding: each weight lands within half a quantization step (absmax/127/2) of its value.
        Assert.True(error.le(halfStep).all().item<bool>(), $"max error {error.max().item<float>()}");
    }

    [Fact]
    public void Nf4_dequantized_weight_is_within_half_the_widest_code_gap_and_uses_the_nf4_values()
    {
        using var linear = RandomLinear();
        using var quantized = QuantizedLinear.FromLinear(linear, new QuantizationSettings { Bits = 4, GroupSize = GroupSize }, "test");

        using var restored = quantized.Dequantize();
        using var error = (restored - linear.weight!).abs();
        // The widest gap between neighbouring NF4 values is -0.6961928 - (-1) ≈ 0.304: nearest-code rounding errs by at most half of it.
        using var bound = GroupAbsMax(linear.weight!).mul(0.3038072 / 2).add(1e-6);

        Assert.True(error.le(bound).all().item<bool>(), $"max error {error.max().item<float>()}");
        using var normalized = restored.div(GroupAbsMax(linear.weight!));
        using var code = tensor(new[] { -1.0f, -0.6961928f, -0.5250731f, -0.3949175f, -0.2844414f, -0.1847734f, -0.0910500f, 0f, 0.0795803f, 0.1609302f, 0.2461123f, 0.3379152f, 0.4407098f, 0.5626170f, 0.7229568f, 1f });
        using var distance = (normalized.reshape(-1, 1) - code).abs().amin([1]);
        Assert.True(distance.max().item<float>() < 1e-5, "every dequantized weight must be an NF4 value times its group's absmax");
    }

    [Theory]
    [InlineData(8, 0.01)]
    [InlineData(4, 0.12)]
    public void Forward_is_close_to_the_float_layer_within_the_stated_relative_error(int bits, double bound)
    {
        using var linear = RandomLinear();
        using var quantized = QuantizedLinear.FromLinear(linear, new QuantizationSettings { Bits = bits, GroupSize = GroupSize }, "test");
        using var x = randn([3, 7, 64], generator: new Generator(4));

        using var expected = linear.call(x);
        using var actual = quantized.call(x);
        using var weightExpected = x.matmul(linear.weight!.t());

        // Relative error of x·Wᵀ (bias excluded): int8 ≲ 1 %, NF4 ≲ 12 % for Gaussian weights.
        double relative = (actual - expected).norm().item<float>() / weightExpected.norm().item<float>();
        Assert.True(relative < bound, $"relative error {relative:F4} ≥ {bound}");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void Gradient_reaches_the_input_and_equals_that_of_the_dequantized_float_layer(int bits)
    {
        using var linear = RandomLinear();
        using var quantized = QuantizedLinear.FromLinear(linear, new QuantizationSettings { Bits = bits, GroupSize = GroupSize }, "test");
        using var dequantized = quantized.Dequantize();
        using var seed = randn([2, 5, 64], generator: new Generator(8));
        using var upstream = randn([2, 5, 24], generator: new Generator(9));
        using var x1 = seed.clone().requires_grad_(true);
        using var x2 = seed.clone().requires_grad_(true);

        using (var y = quantized.call(x1)) using (var loss = (y * upstream).sum()) loss.backward();
        using (var y = nn.functional.linear(x2, dequantized, linear.bias)) using (var loss = (y * upstream).sum()) loss.backward();

        Assert.NotNull(x1.grad);
        Assert.True(x1.grad!.allclose(x2.grad!, rtol: 1e-5, atol: 1e-5));
        Assert.DoesNotContain(quantized.parameters(), p => p.requires_grad);
    }

    [Fact]
    public void A_group_size_that_does_not_divide_the_input_is_refused_naming_the_layer()
    {
        using var linear = RandomLinear(inFeatures: 40);

        var error = Assert.Throws<ArgumentException>(() => QuantizedLinear.FromLinear(linear, new QuantizationSettings { Bits = 8, GroupSize = 16 }, "model.layers.0.mlp.down_proj"));

        Assert.Contains("model.layers.0.mlp.down_proj", error.Message);
        Assert.Contains("40", error.Message);
    }

    [Theory]
    [InlineData(3, 64)]
    [InlineData(8, 7)]
    public void Unsupported_settings_are_refused(int bits, int groupSize) =>
        Assert.Throws<ArgumentException>(() => new QuantizationSettings { Bits = bits, GroupSize = groupSize }.Validate());

    [Fact]
    public void Both_load_flags_at_once_are_refused() =>
        Assert.Contains("load_in_8bit", Assert.Throws<ArgumentException>(() => QuantizationSettings.FromFlags(true, true)).Message);
}
