using static TorchSharp.torch;

namespace Understudy.Engine.Generation;

/// <summary>The bookkeeping of one batched generation run: padding, positions, per-row outputs and stopping.</summary>
internal sealed class GenerationBatch
{
    private readonly IReadOnlyList<TokenGenerationRequest> _requests;
    private readonly List<int>[] _generated;
    private readonly HashSet<int>[] _seen;
    private readonly GenerationFinishReason?[] _finished;
    private readonly int[] _maxNewTokens;
    private readonly int _padTokenId;

    public GenerationBatch(IReadOnlyList<TokenGenerationRequest> requests, int maxPositions, int padTokenId)
    {
        _requests = requests;
        _padTokenId = padTokenId;
        Size = requests.Count;
        PromptLength = requests.Max(r => r.PromptIds.Count);
        if (PromptLength >= maxPositions)
            throw new ArgumentException($"A prompt has {PromptLength} tokens; the model's context (max_position_embeddings) is {maxPositions}.");
        _maxNewTokens = requests.Select(r => Math.Min(r.Options.MaxNewTokens, maxPositions - r.PromptIds.Count)).ToArray();
        Capacity = PromptLength + Math.Max(1, _maxNewTokens.Max());
        HasPadding = requests.Any(r => r.PromptIds.Count != PromptLength);
        _generated = requests.Select(_ => new List<int>()).ToArray();
        _seen = requests.Select(r => r.PromptIds.ToHashSet()).ToArray();
        _finished = new GenerationFinishReason?[Size];
        for (int row = 0; row < Size; row++)
            if (_maxNewTokens[row] == 0) _finished[row] = GenerationFinishReason.Length;
    }

    public int Size { get; }

    public int PromptLength { get; }

    public int Capacity { get; }

    public bool HasPadding { get; }

    public bool IsActive(int row) => _finished[row] is null;

    public IReadOnlyCollection<int> SeenIds(int row) => _seen[row];

    /// <summary>Left-padded prompt ids, row-major [B, P].</summary>
    public long[] PromptIds()
    {
        var ids = new long[Size * PromptLength];
        for (int row = 0; row < Size; row++)
        {
            var prompt = _requests[row].PromptIds;
            int pad = PromptLength - prompt.Count;
            for (int i = 0; i < PromptLength; i++) ids[row * PromptLength + i] = i < pad ? _padTokenId : prompt[i - pad];
        }
        return ids;
    }

    /// <summary>Position ids of the padded prompts: each row counts from 0 at its first real token (padding gets 0).</summary>
    public long[] PromptPositions()
    {
        var positions = new long[Size * PromptLength];
        for (int row = 0; row < Size; row++)
        {
            int pad = PromptLength - _requests[row].PromptIds.Count;
            for (int i = 0; i < PromptLength; i++) positions[row * PromptLength + i] = Math.Max(0, i - pad);
        }
        return positions;
    }

    /// <summary>Positions of the token each row feeds next: its prompt length plus what it generated before it.</summary>
    public long[] NextPositions() =>
        Enumerable.Range(0, Size).Select(row => (long)(_requests[row].PromptIds.Count + _generated[row].Count - 1)).ToArray();

    /// <summary>[B, capacity] bool: prompt slots of real tokens and all generated slots are valid.</summary>
    public Tensor CreateValidSlots(Device device)
    {
        var valid = new bool[Size * Capacity];
        for (int row = 0; row < Size; row++)
        {
            int pad = PromptLength - _requests[row].PromptIds.Count;
            for (int i = pad; i < PromptLength; i++) valid[row * Capacity + i] = true;
        }
        return tensor(valid, [Size, Capacity], device: device);
    }

    /// <summary>Records each active row's new token, applies stop rules; returns true while any row is active.</summary>
    public bool Accept(long[] next)
    {
        for (int row = 0; row < Size; row++)
        {
            if (!IsActive(row)) continue;
            var request = _requests[row];
            if (request.CancellationToken.IsCancellationRequested) { _finished[row] = GenerationFinishReason.Cancelled; continue; }
            int token = (int)next[row];
            if (request.Options.EosTokenIds.Contains(token)) { _finished[row] = GenerationFinishReason.EndOfSequence; continue; }
            _generated[row].Add(token);
            _seen[row].Add(token);
            if (request.OnToken?.Invoke(token, _generated[row]) == true) _finished[row] = GenerationFinishReason.StopSequence;
            else if (_generated[row].Count >= _maxNewTokens[row]) _finished[row] = GenerationFinishReason.Length;
        }
        // Finished rows keep feeding a harmless token so the batch stays rectangular.
        for (int row = 0; row < Size; row++) if (!IsActive(row)) next[row] = _padTokenId;
        return _finished.Any(f => f is null);
    }

    public IReadOnlyList<TokenGenerationResult> Results() =>
        Enumerable.Range(0, Size)
            .Select(row => new TokenGenerationResult(_generated[row], _finished[row] ?? GenerationFinishReason.Length, _requests[row].PromptIds.Count))
            .ToArray();
}
