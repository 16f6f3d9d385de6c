namespace Understudy.Engine.Kernels;

/// <summary>
/// One <see cref="SkinnyLinear"/> call as a <see cref="KernelJob"/>: output rows are cut into chunks of about
/// <see cref="ChunkBytes"/> of weights (one input row) or 64 KB (several), dealt to the pool's threads as one
/// contiguous run each (see <see cref="KernelJob"/>).
/// </summary>
internal sealed unsafe class MatVecJob : KernelJob
{
    /// <summary>
    /// Bytes of weights per chunk with one input row (the benchmark varies it; nothing else sets it). In-process A/B
    /// rounds of batch-1 decode on SmolLM2-135M's shape put 256 KB 5 points of the bandwidth bound above 64 KB in each
    /// of four runs (median 83.5 vs 77.5 %); 128 and 512 KB fell in between.
    /// </summary>
    internal static int ChunkBytes { get; set; } = 256 * 1024;

    /// <summary>Bytes of weights per chunk with several input rows, where a chunk costs more arithmetic per byte.</summary>
    private const int MultiRowChunkBytes = 64 * 1024;

    [ThreadStatic] private static float[]? s_permuted;

    private readonly void* _weight;
    private readonly bool _bfloat16;
    private readonly int _rows;
    private readonly int _cols;
    private readonly float* _x;
    private readonly int _inputRows;
    private readonly float* _bias;
    private readonly float* _y;
    private readonly int _rowsPerChunk;

    /// <summary>Describes <c>y[inputRows, rows] = x[inputRows, cols] · W[rows, cols]ᵀ + bias</c>.</summary>
    public MatVecJob(void* weight, bool bfloat16, int rows, int cols, float* x, int inputRows, float* bias, float* y)
    {
        _weight = weight;
        _bfloat16 = bfloat16;
        _rows = rows;
        _cols = cols;
        _x = bfloat16 ? Permuted(x, cols, inputRows) : x;
        _inputRows = inputRows;
        _bias = bias;
        _y = y;
        long rowBytes = (long)cols * (bfloat16 ? 2 : 4);
        _rowsPerChunk = (int)Math.Max(4, (inputRows == 1 ? ChunkBytes : MultiRowChunkBytes) / rowBytes / 4 * 4);
        ChunkCount = (int)((rows + (long)_rowsPerChunk - 1) / _rowsPerChunk);
    }

    /// <summary>
    /// The bf16 kernel's input order (<see cref="MatVecBFloat16Rows.PermuteInput"/>), in scratch of the calling thread,
    /// which stays blocked in <see cref="KernelWorkerPool.Run"/> until every chunk of this job is done.
    /// </summary>
    private static float* Permuted(float* x, int cols, int inputRows)
    {
        long count = (long)cols * inputRows;
        if (s_permuted is null || s_permuted.Length < count) s_permuted = GC.AllocateUninitializedArray<float>((int)count, pinned: true);
        fixed (float* destination = s_permuted)
        {
            MatVecBFloat16Rows.PermuteInput(x, destination, cols, inputRows);
            return destination;   // pinned: the address stays valid after the fixed block
        }
    }

    /// <inheritdoc />
    protected override void Execute(int chunk)
    {
        int start = chunk * _rowsPerChunk, end = Math.Min(_rows, start + _rowsPerChunk);
        if (_bfloat16)
            MatVecBFloat16Rows.Multiply((ushort*)_weight, _cols, _x, _inputRows, _bias, _y, _rows, start, end);
        else
            MatVecFloat32Rows.Multiply((float*)_weight, _cols, _x, _inputRows, _bias, _y, _rows, start, end);
    }
}
