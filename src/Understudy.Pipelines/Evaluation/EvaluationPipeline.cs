using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;
using Understudy.Core.Observability;
using Understudy.Core.Prompts;
using Understudy.Core.Runs;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Evaluation;

/// <summary>
/// evaluate: the service LLM judges every response of a batch-infer split <c>eval_repeat</c> times against its
/// reference. Judgements are written per batch of rows; a rerun skips responses already judged and (with
/// <c>retry_failed</c>) re-asks only the judgements recorded as failed. Ends with a per-model summary and a
/// pass/fail verdict against <c>avg_similarity_threshold</c> / <c>avg_precision_threshold</c>, stored in
/// <c>&lt;eval_ds_split&gt;_summary</c>.
/// </summary>
public sealed class EvaluationPipeline(IDatasetStore store)
{
    public const string StageName = "evaluate";

    private readonly IDatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>
    /// Judges every response of <c>lm_response_ds_id</c> inside an <c>evaluate</c> step span: each judgement is an
    /// <c>understudy.judgement</c> event, the mean scores and the verdict are span attributes.
    /// </summary>
    /// <param name="judgeClient">The service LLM, already wrapped in its retry / rate-limit middleware.</param>
    /// <param name="evalPrompt">The <c>[eval]</c> template of prompts.toml.</param>
    public Task<EvaluationResult> RunAsync(
        EvaluationConfig config, IChatClient judgeClient, PromptTemplate evalPrompt,
        IProgress<StepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return StepTracing.TraceAsync(StageName,
            [new(UnderstudyAttributes.InputDataset, $"{config.LmResponseDsId}:{config.LmResponseDsSplit}"), new("gen_ai.request.model", config.ServiceModelName)],
            () => RunStepAsync(config, judgeClient, evalPrompt, progress, cancellationToken),
            (span, result) =>
            {
                span.SetTag(UnderstudyAttributes.OutputDataset, $"{result.OutputDatasetId}:{result.OutputSplit}");
                span.SetTag(UnderstudyAttributes.Rows, result.Responses);
                span.SetTag(UnderstudyAttributes.FailedRows, result.FailedJudgements);
                if (result.Summaries.Count > 0)
                {
                    span.RecordJudgeScores(result.Summaries.Average(s => s.SimilarityMean), result.Summaries.Average(s => s.PrecisionMean),
                        result.Passed ? "pass" : "fail");
                }
            });
    }

    private async Task<EvaluationResult> RunStepAsync(
        EvaluationConfig config, IChatClient judgeClient, PromptTemplate evalPrompt,
        IProgress<StepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(judgeClient);
        var clock = Stopwatch.StartNew();
        var step = Activity.Current; // the evaluate span: judgements become its events
        string outputId = config.EvalDsId, split = config.EvalDsSplit;
        var usage = new TokenUsage();
        var judge = new LlmJudge(judgeClient, config, evalPrompt, usage);

        List<InferenceRow> responses = [.. (await OutputSplits.ReadOrFailAsync<InferenceRow>(
                _store, config.LmResponseDsId, config.LmResponseDsSplit, cancellationToken))
            .DistinctBy(EvaluationRows.Key)];
        string identity = IdentityHash.Of(StageName, config.LmResponseDsId, config.LmResponseDsSplit,
            config.ServiceModelName, evalPrompt.Hash, config.EvalRepeat.ToString(CultureInfo.InvariantCulture));
        await OutputSplits.PrepareAsync(_store, outputId, split, config.EvalDsAppend, identity, cancellationToken);
        var provenance = new DatasetProvenance(StageName, identity, [$"{config.LmResponseDsId}:{config.LmResponseDsSplit}"]);

        Dictionary<string, EvaluationRow> existing = LastPerKey(
            await OutputSplits.ReadOrEmptyAsync<EvaluationRow>(_store, outputId, split, cancellationToken), out bool hadDuplicates);
        var work = responses
            .Select(r => (Response: r, Existing: existing.GetValueOrDefault(EvaluationRows.Key(r))))
            .Select(w => (w.Response, w.Existing, Slots: EvaluationRows.SlotsToJudge(w.Existing, config.EvalRepeat, config.RetryFailed)))
            .Where(w => w.Slots.Count > 0)
            .ToList();
        int resumed = responses.Count - work.Count, judged = 0, calls = 0, failed = 0;
        bool rewroteRows = work.Any(w => w.Existing is not null);
        progress?.Report(new StepProgress(resumed, responses.Count, 0, 0, 0));

        using var callGate = new SemaphoreSlim(config.EvalWorkers, config.EvalWorkers);
        await IncrementalRunner.RunAsync(work, config.EvalWorkers, config.EvalDataPreprocessBs,
            async (item, ct) =>
            {
                string evalPrompt = judge.RenderPrompt(item.Response.Instructions, item.Response.TargetResponses, item.Response.CandidateResponses);
                Judgement[] judgements = await Task.WhenAll(item.Slots.Select(async slot =>
                {
                    await callGate.WaitAsync(ct);
                    try
                    {
                        return await judge.JudgeAsync(evalPrompt, ct);
                    }
                    finally
                    {
                        callGate.Release();
                    }
                }));
                foreach (var judgement in judgements.Where(j => j.Verdict is not null))
                {
                    step.AddJudgementEvent(item.Response.PromptId, judgement.Verdict!.SimilarityScore, judgement.Verdict.PrecisionScore, judgement.Evaluator);
                }

                var bySlot = item.Slots.Zip(judgements).ToDictionary(p => p.First, p => p.Second);
                return (Row: EvaluationRows.Merge(item.Response, item.Existing, bySlot), Judgements: judgements);
            },
            async (results, ct) =>
            {
                await _store.AppendAsync(outputId, split, [.. results.Select(r => r.Row)], provenance, ct);
                foreach (var result in results)
                {
                    existing[EvaluationRows.Key(result.Row)] = result.Row;
                }
                judged += results.Count;
                calls += results.Sum(r => r.Judgements.Length);
                failed += results.Sum(r => r.Judgements.Count(j => j.Verdict is null));
                progress?.Report(new StepProgress(resumed + judged, responses.Count, usage.InputTokens + usage.OutputTokens, 0, failed));
            },
            cancellationToken);

        if (rewroteRows || hadDuplicates)
        {
            await _store.WriteAsync(outputId, split, existing.Values, provenance, cancellationToken);
        }
        var inputKeys = responses.Select(EvaluationRows.Key).ToHashSet();
        List<EvaluationSummaryRow> summaries = EvaluationAggregator.Summarise(
            existing.Values.Where(r => inputKeys.Contains(EvaluationRows.Key(r))), config, DateTimeOffset.UtcNow);
        await _store.WriteAsync(outputId, split + "_summary", summaries, provenance, cancellationToken);
        return new EvaluationResult(outputId, split, responses.Count, resumed, judged, calls, failed,
            usage.InputTokens, usage.OutputTokens, clock.Elapsed, summaries);
    }

    /// <summary>A rerun that re-judged failed slots appended a newer version of the row; the newest wins.</summary>
    private static Dictionary<string, EvaluationRow> LastPerKey(List<EvaluationRow> rows, out bool hadDuplicates)
    {
        var byKey = new Dictionary<string, EvaluationRow>();
        foreach (EvaluationRow row in rows)
        {
            byKey[EvaluationRows.Key(row)] = row;
        }
        hadDuplicates = byKey.Count != rows.Count;
        return byKey;
    }
}
