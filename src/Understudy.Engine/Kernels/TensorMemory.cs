using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Understudy.Engine.Kernels;

/// <summary>
/// The address of a CPU tensor's first element (its storage offset included), for views as well as contiguous
/// tensors, in one native call. TorchSharp's <c>Tensor.bytes</c> covers contiguous tensors only.
/// </summary>
internal static partial class TensorMemory
{
    /// <summary>The address of element [0, 0, ...] of <paramref name="tensor"/> (a CPU tensor).</summary>
    public static unsafe void* Address(Tensor tensor)
    {
        IntPtr data = THSTensor_data(tensor.Handle);
        if (data == IntPtr.Zero) throw new InvalidOperationException($"libtorch returned no data pointer for a {tensor.dtype} tensor on {tensor.device}.");
        return (void*)data;
    }

    // TorchSharp's own native shim (already loaded by TorchSharp): at::Tensor::data_ptr().
    [LibraryImport("LibTorchSharp")]
    private static partial IntPtr THSTensor_data(IntPtr tensor);
}
