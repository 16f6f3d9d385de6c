using TorchSharp.Modules;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>
/// Several linear layers that read the same input (q/k/v, gate/up) stored as row blocks of one weight, so inference
/// runs one matrix multiply instead of several. Each part is a real <see cref="Linear"/> whose weight is a view
/// into the fused tensor: checkpoints load into the parts by their Hugging Face names and fill the fused weight.
/// </summary>
public sealed class FusedProjection : IDisposable
{
    private readonly Linear[] _parts;
    private readonly Parameter[] _weights;
    private bool _disposed;

    private FusedProjection(Tensor weight, Tensor? bias, Linear[] parts)
    {
        Weight = weight;
        Bias = bias;
        _parts = parts;
        _weights = parts.Select(p => p.weight!).ToArray();
    }

    /// <summary>The fused weight, [sum of outputs, inFeatures].</summary>
    public Tensor Weight { get; }

    /// <summary>The fused bias, or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>The part layers, in order.</summary>
    public IReadOnlyList<Linear> Parts => _parts;

    /// <summary>Allocates the fused storage (uninitialised) and one view-backed layer per output block.</summary>
    public static FusedProjection Create(long inFeatures, long[] outFeatures, bool hasBias, Device device, ScalarType dtype)
    {
        long total = outFeatures.Sum();
        Tensor weight = WeightArena.Empty([total, inFeatures], dtype, device);
        Tensor? bias = hasBias ? WeightArena.Empty([total], dtype, device) : null;
        var parts = new Linear[outFeatures.Length];
        long start = 0;
        for (int i = 0; i < outFeatures.Length; i++)
        {
            var w = new Parameter(weight.narrow(0, start, outFeatures[i]), requires_grad: false);
            Parameter? b = bias is null ? null : new Parameter(bias.narrow(0, start, outFeatures[i]), requires_grad: false);
            parts[i] = nn.Linear(w, b);
            start += outFeatures[i];
        }
        return new FusedProjection(weight, bias, parts);
    }

    /// <summary>
    /// True when the given layers are still the parts this fusion was built from, with the same weight tensors
    /// (not replaced by an adapter, moved to another device or cast), and no gradient is being recorded.
    /// </summary>
    public bool CanServe(params nn.Module<Tensor, Tensor>?[] current)
    {
        if (_disposed || is_grad_enabled() || current.Length != _parts.Length) return false;
        for (int i = 0; i < current.Length; i++)
        {
            if (current[i] is not Linear linear || !ReferenceEquals(linear, _parts[i]) || !ReferenceEquals(linear.weight, _weights[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// Drops this object's references to the fused storage; <see cref="CanServe"/> is false from then on. The parts
    /// still hold views of it, so the memory is reclaimed once they are disposed too.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Weight.Dispose();
        Bias?.Dispose();
    }

    /// <summary>Runs all parts at once: [.., inFeatures] → [.., sum of outputs].</summary>
    public Tensor Forward(Tensor input) => Projection.Forward(input, Weight, Bias);
}
