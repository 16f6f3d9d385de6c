using System.Globalization;
using Understudy.Core.Datasets;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Synthesis;

/// <summary>
/// The durable state of one synth run: rows staged so far, the call log that fixes where the seed sequence goes
/// on, and the instructions already present. Loaded from the store at the start, so a killed run resumes.
/// </summary>
internal sealed class SynthRunState
{
    private readonly IDatasetStore _store;
    private readonly SynthConfig _config;
    private readonly InstructionDeduplicator _seen = new();

    private SynthRunState(IDatasetStore store, SynthConfig config, string identity)
    {
        _store = store;
        _config = config;
        StagingSplit = $"{config.SynthDsSplit}_staging_{identity[..8]}";
        CallsSplit = $"{config.SynthDsSplit}_calls";
    }

    public string StagingSplit { get; }

    public string CallsSplit { get; }

    public List<SynthRow> Staged { get; private set; } = [];

    public long NextCallIndex { get; private set; }

    public static async Task<SynthRunState> LoadAsync(
        IDatasetStore store, SynthConfig config, string identity, IReadOnlyList<SeedRow> seeds, CancellationToken cancellationToken)
    {
        var state = new SynthRunState(store, config, identity);
        state.Staged = await OutputSplits.ReadOrEmptyAsync<SynthRow>(store, config.SynthDsId, state.StagingSplit, cancellationToken);
        List<SynthCallRow> calls = await OutputSplits.ReadOrEmptyAsync<SynthCallRow>(store, config.SynthDsId, state.CallsSplit, cancellationToken);
        state.NextCallIndex = calls.Where(c => c.RunIdentity == identity).Select(c => c.CallIndex + 1).DefaultIfEmpty(0).Max();
        foreach (SeedRow seed in seeds)
        {
            state._seen.Add(seed.Instruction);
        }
        foreach (SynthRow row in state.Staged)
        {
            state._seen.Add(row.Prompt);
        }
        if (config.SynthDsAppend)
        {
            foreach (SynthRow row in await OutputSplits.ReadOrEmptyAsync<SynthRow>(store, config.SynthDsId, config.SynthDsSplit, cancellationToken))
            {
                state._seen.Add(row.Prompt);
            }
        }
        return state;
    }

    /// <summary>Accepts up to <paramref name="room"/> new pairs of one call into <paramref name="accepted"/>; returns the call's log row.</summary>
    public SynthCallRow Account(
        string identity, long index, SeedRow seed, StructuredOutcome<SynthBatch> outcome, SynthGenerator generator, int room, List<SynthRow> accepted)
    {
        var call = new SynthCallRow
        {
            RunIdentity = identity,
            CallIndex = index,
            SeedPromptId = seed.PromptId,
            Status = outcome.Succeeded ? "ok" : $"failed: {outcome.FailureReason}",
            InputTokens = outcome.InputTokens,
            OutputTokens = outcome.OutputTokens,
            Date = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        if (outcome.Value is not { } batch)
        {
            return call;
        }
        call.ValidPairs = batch.Pairs.Count;
        call.InvalidPairs = batch.InvalidPairs;
        foreach (SynthPair pair in batch.Pairs)
        {
            if (!_seen.TryAccept(pair.Instruction))
            {
                call.DuplicatePairs++;
            }
            else if (call.AcceptedPairs >= room)
            {
                call.SurplusPairs++;
            }
            else
            {
                accepted.Add(generator.ToRow(pair, seed, string.IsNullOrEmpty(outcome.ModelId) ? _config.ServiceModelName : outcome.ModelId));
                call.AcceptedPairs++;
            }
        }
        return call;
    }

    /// <summary>Makes one wave durable (rows, then the call log, then failures); never cancelled mid-way, the calls are paid for.</summary>
    public async Task SaveWaveAsync(List<SynthRow> rows, List<SynthCallRow> calls, List<FailureRow> failures, DatasetProvenance provenance)
    {
        if (rows.Count > 0)
        {
            await _store.AppendAsync(_config.SynthDsId, StagingSplit, rows, provenance, CancellationToken.None);
        }
        await _store.AppendAsync(_config.SynthDsId, CallsSplit, calls, provenance, CancellationToken.None);
        if (failures.Count > 0)
        {
            await _store.AppendAsync(_config.SynthDsId, OutputSplits.FailuresOf(_config.SynthDsSplit), failures, provenance, CancellationToken.None);
        }
        Staged.AddRange(rows);
        NextCallIndex = calls.Max(c => c.CallIndex) + 1;
    }

    /// <summary>Moves exactly num_samples staged rows to the output split, never duplicating a row already there; returns rows written.</summary>
    public async Task<int> PublishAsync(DatasetProvenance provenance, CancellationToken cancellationToken)
    {
        List<SynthRow> rows = [.. Staged.Take(_config.NumSamples)];
        int written = rows.Count;
        if (_config.SynthDsAppend)
        {
            var present = (await OutputSplits.ReadOrEmptyAsync<SynthRow>(_store, _config.SynthDsId, _config.SynthDsSplit, cancellationToken))
                .Select(r => r.PromptId).ToHashSet();
            List<SynthRow> fresh = [.. rows.Where(r => !present.Contains(r.PromptId))];
            written = fresh.Count;
            if (fresh.Count > 0)
            {
                await _store.AppendAsync(_config.SynthDsId, _config.SynthDsSplit, fresh, provenance, cancellationToken);
            }
        }
        else
        {
            await _store.WriteAsync(_config.SynthDsId, _config.SynthDsSplit, rows, provenance, cancellationToken);
        }
        await _store.DeleteAsync(_config.SynthDsId, StagingSplit, cancellationToken);
        return written;
    }
}
