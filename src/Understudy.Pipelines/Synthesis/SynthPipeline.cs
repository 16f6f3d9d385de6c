using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;
using Understudy.Core.Observability;
using Understudy.Core.Prompts;
using Understudy.Core.Runs;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Synthesis;

/// <summary>
/// synth: asks the service LLM for pairs like seed rows sampled without replacement, keeps only valid pairs whose
/// instruction is new (not a seed, not an earlier row), and stops at exactly <c>num_samples</c> rows or when the
/// call / token / cost budget is spent. Rows are staged per wave in <c>&lt;split&gt;_staging_&lt;run&gt;</c> and every call
/// is logged in <c>&lt;split&gt;_calls</c>, so an interrupted run resumes; on completion the rows are published to
/// the output split (appended without duplicates, or replacing it when <c>synth_ds_append</c> is false).
/// </summary>
public sealed class SynthPipeline(IDatasetStore store)
{
    public const string StageName = "synth";

    private readonly IDatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Generates synthetic pairs from the seeds inside a <c>synth</c> step span.</summary>
    public Task<SynthResult> RunAsync(
        SynthConfig config, IChatClient generatorClient, PromptTemplate synthPrompt,
        IProgress<StepProgress>? progress = null, CancellationToken cancellationToken = default, Func<decimal>? spentUsd = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return StepTracing.TraceAsync(StageName,
            [new(UnderstudyAttributes.InputDataset, $"{config.ReferenceDsId}:{config.ReferenceDsSplit}"), new("gen_ai.request.model", config.ServiceModelName)],
            () => RunStepAsync(config, generatorClient, synthPrompt, progress, cancellationToken, spentUsd),
            (span, result) =>
            {
                span.SetTag(UnderstudyAttributes.OutputDataset, $"{result.OutputDatasetId}:{result.OutputSplit}");
                span.SetTag(UnderstudyAttributes.Rows, result.Published);
                span.SetTag(UnderstudyAttributes.FailedRows, result.FailedCalls);
                span.SetTag("understudy.synth.stop_reason", result.StopReason);
            });
    }

    private async Task<SynthResult> RunStepAsync(
        SynthConfig config, IChatClient generatorClient, PromptTemplate synthPrompt,
        IProgress<StepProgress>? progress, CancellationToken cancellationToken, Func<decimal>? spentUsd)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(generatorClient);
        if (config.MaxCostUsd > 0 && spentUsd is null)
        {
            throw new ArgumentException("max_cost_usd is set but no cost source was given: pass spentUsd (e.g. from a UsageLedger).", nameof(spentUsd));
        }
        var clock = Stopwatch.StartNew();
        var usage = new TokenUsage();
        var generator = new SynthGenerator(generatorClient, config, synthPrompt, usage);
        List<SeedRow> seeds = await ReadSeedsAsync(config, cancellationToken);

        string identity = IdentityHash.Of(StageName, config.ReferenceDsId, config.ReferenceDsSplit,
            config.Seed.ToString(CultureInfo.InvariantCulture), config.Topic, config.ServiceModelName, generator.TemplateHash,
            config.PairsPerCall.ToString(CultureInfo.InvariantCulture), config.SynthDsId, config.SynthDsSplit);
        var state = await SynthRunState.LoadAsync(_store, config, identity, seeds, cancellationToken);
        var sampler = new SeedSampler(seeds.Count, config.Seed);
        var provenance = new DatasetProvenance(StageName, identity, [$"{config.ReferenceDsId}:{config.ReferenceDsSplit}"]);
        int maxCalls = config.EffectiveMaxCalls, calls = 0, failedCalls = 0, invalid = 0, duplicates = 0, surplus = 0;
        string? stopReason = null;
        progress?.Report(new StepProgress(state.Staged.Count, config.NumSamples, 0, 0, 0));

        while (state.Staged.Count < config.NumSamples)
        {
            stopReason = BudgetStop(config, maxCalls, calls, usage, spentUsd?.Invoke() ?? 0, state);
            if (stopReason is not null)
            {
                break;
            }
            int need = config.NumSamples - state.Staged.Count;
            int wave = Math.Min(Math.Min(config.GenWorkers, maxCalls - calls), (need + config.PairsPerCall - 1) / config.PairsPerCall);
            long[] indices = [.. Enumerable.Range(0, wave).Select(i => state.NextCallIndex + i)];
            var outcomes = await Task.WhenAll(indices.Select(async index =>
            {
                SeedRow seed = seeds[sampler.IndexAt(index)];
                return (Index: index, Seed: seed, Outcome: await generator.GenerateAsync(seed, index, cancellationToken));
            }));

            var newRows = new List<SynthRow>();
            var callRows = new List<SynthCallRow>();
            var failures = new List<FailureRow>();
            foreach (var (index, seed, outcome) in outcomes)
            {
                SynthCallRow call = state.Account(identity, index, seed, outcome, generator, config.NumSamples - state.Staged.Count - newRows.Count, newRows);
                callRows.Add(call);
                invalid += call.InvalidPairs;
                duplicates += call.DuplicatePairs;
                surplus += call.SurplusPairs;
                if (!outcome.Succeeded)
                {
                    failedCalls++;
                    failures.Add(new FailureRow
                    {
                        PromptId = seed.PromptId,
                        RepeatIndex = (int)Math.Min(index, int.MaxValue),
                        ModelId = config.ServiceModelName,
                        Reason = outcome.FailureReason ?? "",
                        RawText = outcome.RawText,
                        Attempts = outcome.Attempts,
                        Date = call.Date,
                    });
                }
            }
            calls += wave;
            await state.SaveWaveAsync(newRows, callRows, failures, provenance);
            progress?.Report(new StepProgress(state.Staged.Count, config.NumSamples, usage.InputTokens + usage.OutputTokens, 0, failedCalls));
        }

        bool completed = state.Staged.Count >= config.NumSamples;
        int published = completed ? await state.PublishAsync(provenance, cancellationToken) : 0;
        return new SynthResult(config.SynthDsId, config.SynthDsSplit, config.NumSamples, state.Staged.Count, published,
            calls, failedCalls, invalid, duplicates, surplus, usage.InputTokens, usage.OutputTokens, clock.Elapsed, completed, stopReason);
    }

    private static string? BudgetStop(SynthConfig config, int maxCalls, int calls, TokenUsage usage, decimal spentUsd, SynthRunState state)
    {
        string kept = $"{state.Staged.Count} of {config.NumSamples} rows are kept in {config.SynthDsId}:{state.StagingSplit} " +
            "and a rerun continues from them";
        if (calls >= maxCalls)
        {
            return $"call budget spent (max_calls = {maxCalls}); {kept}. Raise max_calls, or see " +
                $"{config.SynthDsId}:{OutputSplits.FailuresOf(config.SynthDsSplit)} and {state.CallsSplit} for why calls gave no new rows.";
        }
        if (config.MaxTotalTokens > 0 && usage.InputTokens + usage.OutputTokens >= config.MaxTotalTokens)
        {
            return $"token budget spent (max_total_tokens = {config.MaxTotalTokens}); {kept}. Raise max_total_tokens to go on.";
        }
        if (config.MaxCostUsd > 0 && spentUsd >= (decimal)config.MaxCostUsd)
        {
            return $"cost budget spent (max_cost_usd = {config.MaxCostUsd}, spent ${spentUsd:0.####}); {kept}. Raise max_cost_usd to go on.";
        }
        return null;
    }

    private async Task<List<SeedRow>> ReadSeedsAsync(SynthConfig config, CancellationToken cancellationToken)
    {
        List<CoverageRow> rows = await OutputSplits.ReadOrFailAsync<CoverageRow>(_store, config.ReferenceDsId, config.ReferenceDsSplit, cancellationToken);
        List<SeedRow> seeds = [.. rows.Select(SeedRow.From).OfType<SeedRow>()];
        if (seeds.Count == 0)
        {
            throw new InvalidDataException(
                $"{config.ReferenceDsId}:{config.ReferenceDsSplit} has no row usable as a seed ({rows.Count} rows; a seed needs a " +
                "user message and an assistant response). Check reference_ds_id and reference_ds_split.");
        }
        return seeds;
    }
}
