using TorchSharp.Modules;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Understudy.Engine.Models.Blocks;

/// <summary>
/// The gated feed-forward block: <c>down_proj(act(gate_proj(x)) * up_proj(x))</c>. Phi-3 stores gate and up as one
/// <c>gate_up_proj</c>. At inference gate and up run as one fused matrix multiply.
/// </summary>
public sealed class GatedMlp : nn.Module<Tensor, Tensor>, IProjectionHost
{
    private nn.Module<Tensor, Tensor>? gate_proj;
    private nn.Module<Tensor, Tensor>? up_proj;
    private nn.Module<Tensor, Tensor>? gate_up_proj;
    private nn.Module<Tensor, Tensor> down_proj;
    private FusedProjection? _fused;
    private readonly MlpActivation _activation;
    private readonly long _intermediate;

    /// <summary>Creates the block's projections (uninitialised).</summary>
    public GatedMlp(int hidden, int intermediate, bool bias, MlpActivation activation, bool storedFused, Device device, ScalarType dtype)
        : base(nameof(GatedMlp))
    {
        _activation = activation;
        _intermediate = intermediate;
        if (storedFused)
        {
            gate_up_proj = Projection.Create(hidden, 2L * intermediate, bias, device, dtype);
        }
        else
        {
            _fused = FusedProjection.Create(hidden, [intermediate, intermediate], bias, device, dtype);
            (gate_proj, up_proj) = (_fused.Parts[0], _fused.Parts[1]);
        }
        down_proj = Projection.Create(intermediate, hidden, bias, device, dtype);
        RegisterComponents();
        ProjectionNames = gate_up_proj is not null ? ["gate_up_proj", "down_proj"] : ["gate_proj", "up_proj", "down_proj"];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ProjectionNames { get; }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> GetProjection(string name) => name switch
    {
        "gate_proj" when gate_proj is not null => gate_proj,
        "up_proj" when up_proj is not null => up_proj,
        "gate_up_proj" when gate_up_proj is not null => gate_up_proj,
        "down_proj" => down_proj,
        _ => throw new ArgumentException($"This MLP block has no projection '{name}' (it has {string.Join(", ", ProjectionNames)}).", nameof(name)),
    };

    /// <inheritdoc />
    public void SetProjection(string name, nn.Module<Tensor, Tensor> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        _ = GetProjection(name);
        switch (name)
        {
            case "gate_proj": gate_proj = layer; break;
            case "up_proj": up_proj = layer; break;
            case "gate_up_proj": gate_up_proj = layer; break;
            default: down_proj = layer; break;
        }
        register_module(name, null!);
        register_module(name, layer);
    }

    /// <inheritdoc />
    public void ReleaseFusedWeights()
    {
        _fused?.Dispose();
        _fused = null;
    }

    /// <summary>The intermediate width.</summary>
    internal long Intermediate => _intermediate;

    /// <summary>The activation of the gate.</summary>
    internal MlpActivation Activation => _activation;

    /// <summary>
    /// The gate/up weight as one [2·intermediate, hidden] tensor and its bias when inference may read it directly (the
    /// stored or fused weight of plain linear layers, no gradient recorded), else null.
    /// </summary>
    internal (Tensor Weight, Tensor? Bias)? InferenceGateUp()
    {
        if (gate_up_proj is not null) return gate_up_proj is Linear { weight: { } weight } linear && !is_grad_enabled() ? (weight, linear.bias) : null;
        return _fused is not null && _fused.CanServe(gate_proj, up_proj) ? (_fused.Weight, _fused.Bias) : null;
    }

    /// <summary>down_proj when it is a plain linear layer (not an adapter or quantized module), else null.</summary>
    internal Linear? PlainDownProjection => down_proj as Linear;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor gate, up;
        if (gate_up_proj is not null || (_fused is not null && _fused.CanServe(gate_proj, up_proj)))
        {
            Tensor both = gate_up_proj is not null ? Projection.Forward(gate_up_proj, x) : _fused!.Forward(x);    // [.., 2I]
            if (DecodeOps.GatedActivation(both, _intermediate, _activation != MlpActivation.Silu) is { } fused)
                return Projection.Forward(down_proj, fused).MoveToOuterDisposeScope();
            (gate, up) = (both.narrow(-1, 0, _intermediate), both.narrow(-1, _intermediate, _intermediate));
        }
        else
        {
            (gate, up) = (gate_proj!.call(x), up_proj!.call(x));
        }
        Tensor activated = _activation == MlpActivation.Silu
            ? F.silu(gate)
            : F.gelu(gate, TorchSharp.Modules.GELU.Approximate.tanh);
        return Projection.Forward(down_proj, activated.mul_(up)).MoveToOuterDisposeScope();
    }
}
