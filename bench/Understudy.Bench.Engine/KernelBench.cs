using System.Diagnostics;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Bench.Engine;

/// <summary>
/// The matrix-vector kernel alone: GB/s of weights streamed by <see cref="SkinnyLinear"/> and by libtorch's
/// <c>linear</c> over SmolLM2-135M's projection shapes, next to the same run's triad bandwidth.
/// </summary>
public static class KernelBench
{
    /// <summary>Prints one line per shape, dtype and input-row count.</summary>
    public static void Run(double triadBytesPerSecond, int[] inputRows)
    {
        (string Name, long Rows, long Cols)[] shapes =
        [
            ("lm_head 49152x576", 49152, 576),
            ("gate_up 3072x576", 3072, 576),
            ("down 576x1536", 576, 1536),
            ("qkv 960x576", 960, 576),
        ];
        using var noGrad = no_grad();
        foreach (ScalarType dtype in new[] { ScalarType.Float32, ScalarType.BFloat16 })
        {
            foreach (var (name, rows, cols) in shapes)
            {
                // Enough distinct weight copies (>= 256 MB) that every call streams from memory, not from cache.
                long bytesPerWeight = rows * cols * (dtype == ScalarType.Float32 ? 4 : 2);
                int copies = (int)Math.Max(1, (256L << 20) / bytesPerWeight);
                var weights = Enumerable.Range(0, copies).Select(_ => randn(rows, cols).to_type(dtype)).ToArray();
                foreach (int m in inputRows)
                {
                    using var x = randn(m, cols).to_type(dtype);
                    double ours = Measure(weights, w => SkinnyLinear.Multiply(x, w));
                    double torchPath = Measure(weights, w => nn.functional.linear(x, w));
                    Console.WriteLine($"gemv {dtype,-8} {name,-18} rows {m,2}: ours {ours / 1e9,5:F1} GB/s ({ours / triadBytesPerSecond,4:P0} of triad)   libtorch {torchPath / 1e9,5:F1} GB/s   x{ours / torchPath:F2}");
                }
                foreach (var w in weights) w.Dispose();
            }
        }
    }

    /// <summary>Weight bytes per second, best of a few passes over all copies.</summary>
    private static double Measure(Tensor[] weights, Func<Tensor, Tensor> multiply)
    {
        long bytes = weights.Sum(w => w.numel() * w.element_size());
        double best = 0;
        for (int pass = 0; pass < 5; pass++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var w in weights) multiply(w).Dispose();
            best = Math.Max(best, bytes / watch.Elapsed.TotalSeconds);
        }
        return best;
    }
}
