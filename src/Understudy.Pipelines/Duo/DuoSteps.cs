using System.Diagnostics;
using Understudy.Core.Datasets;
using Understudy.Core.Lineage;
using Understudy.Core.Observability;
using Understudy.Core.Runs;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Evaluation;
using Understudy.Pipelines.Merge;
using Understudy.Pipelines.Synthesis;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// The loop's steps, each the standalone command's pipeline run through the <see cref="StepRunner"/>: its inputs are
/// hashed, a step whose inputs and config did not change is reused, and every step's outputs, metrics, cost and
/// wall time land in the run store. Student steps are in <c>DuoSteps.Student.cs</c>, data steps in <c>DuoSteps.Data.cs</c>.
/// </summary>
internal sealed partial class DuoSteps
{
    private readonly IDatasetStore _store;
    private readonly StepRunner _runner;
    private readonly DuoConfig _config;
    private readonly DuoLayout _layout;
    private readonly DuoServices _services;
    private readonly DuoBudget _budget;
    private readonly StepConfigFile<BatchInferenceConfig> _batchInfer;
    private readonly StepConfigFile<EvaluationConfig> _evaluate;
    private readonly StepConfigFile<SynthConfig> _synth;
    private readonly StepConfigFile<MergeConfig> _merge;

    /// <param name="budget">The run's budgets: the cost recorded before a step, and the wall-time deadline each step runs under.</param>
    public DuoSteps(IDatasetStore store, StepRunner runner, DuoConfig config, DuoLayout layout, DuoServices services, DuoBudget budget)
    {
        _store = store;
        _runner = runner;
        _config = config;
        _layout = layout;
        _services = services;
        _budget = budget;
        _batchInfer = new StepConfigFile<BatchInferenceConfig>("batch_infer", config.Steps.BatchInfer);
        _evaluate = new StepConfigFile<EvaluationConfig>("evaluate", config.Steps.Evaluate);
        _synth = new StepConfigFile<SynthConfig>("synth", config.Steps.Synth);
        _merge = new StepConfigFile<MergeConfig>("merge", config.Steps.Merge);
    }

    /// <summary>Warnings of the step files loaded so far (wired keys the files also set).</summary>
    public IEnumerable<string> Warnings => _batchInfer.Warnings.Concat(_evaluate.Warnings).Concat(_synth.Warnings).Concat(_merge.Warnings).Distinct();

    /// <summary>The judge's scores of an iteration's answers (0 = the teacher's).</summary>
    public async Task<StepRecord> EvaluateAsync(int iteration, CancellationToken cancellationToken)
    {
        DuoRoleConfig judge = _config.Judge;
        var wiring = new DuoWiring()
            .Set("lm_response_ds_id", _layout.Responses(iteration)).Set("lm_response_ds_split", "batch_infer")
            .Set("eval_ds_id", _layout.Evaluations(iteration)).Set("eval_ds_split", "eval").Set("eval_ds_append", false)
            .Set("avg_similarity_threshold", _config.AvgSimilarityThreshold).Set("avg_precision_threshold", _config.AvgPrecisionThreshold)
            .Role(judge, _config.PromptTmplPath);
        var (config, hash) = _evaluate.Load(wiring.Values);
        ArtifactRef responses = await DatasetArtifacts.DescribeAsync(_store, "responses", config.LmResponseDsId, config.LmResponseDsSplit, cancellationToken);
        var step = new StepDefinition(StepId(iteration, "evaluate"), EvaluationPipeline.StageName, iteration, hash,
            [responses, Prompt("eval_prompt", _services.EvalPrompt.Hash), Role("judge", judge)]);
        return await RunAsync(step, async (progress, ct) =>
        {
            EvaluationResult result = await new EvaluationPipeline(_store).RunAsync(config, _services.Judge, _services.EvalPrompt, progress, ct);
            EvaluationSummaryRow? summary = result.Summaries.FirstOrDefault();
            var metrics = new Dictionary<string, double>
            {
                ["responses"] = result.Responses,
                ["judge_calls"] = result.JudgeCalls,
                ["failed_judgements"] = result.FailedJudgements,
                ["input_tokens"] = result.InputTokens,
                ["output_tokens"] = result.OutputTokens,
                [DuoMetrics.Passed] = result.Passed ? 1 : 0,
            };
            if (summary is not null)
            {
                metrics[DuoMetrics.SimilarityMean] = summary.SimilarityMean;
                metrics[DuoMetrics.PrecisionMean] = summary.PrecisionMean;
                metrics["similarity_coverage_50"] = summary.SimilarityCoverage50;
                metrics["similarity_coverage_70"] = summary.SimilarityCoverage70;
                metrics["precision_coverage_50"] = summary.PrecisionCoverage50;
                metrics["precision_coverage_70"] = summary.PrecisionCoverage70;
                metrics["scored_responses"] = summary.ScoredResponses;
            }
            return ([await Describe("evaluations", config.EvalDsId, config.EvalDsSplit, ct),
                await Describe("summary", config.EvalDsId, config.EvalDsSplit + "_summary", ct)], metrics);
        }, cancellationToken);
    }

    private async Task<StepRecord> RunAsync(StepDefinition step,
        Func<IProgress<StepProgress>?, CancellationToken, Task<(List<ArtifactRef> Outputs, Dictionary<string, double> Metrics)>> body,
        CancellationToken cancellationToken)
    {
        if (_budget.Exceeded() is { Reason: DuoStopReason.WallTimeBudget } spent)
        {
            throw spent;
        }
        // The step's span: LLM calls made inside it are its children and carry the run id.
        using Activity? span = UnderstudyTelemetry.StartStep(step.Kind, _runner.RunId,
            [new("understudy.step.id", step.StepId), new("understudy.duo.iteration", step.Iteration)]);
        // The step runs until done, the user cancels, or the wall-time budget runs out; the time of earlier
        // interrupted attempts is carried into its wall_seconds so the budget keeps counting it.
        TimeSpan earlier = _budget.InterruptedTime(step.StepId);
        using WallTimeDeadline deadline = _budget.StartDeadline(cancellationToken);
        StepRecord record;
        try
        {
            record = await _runner.RunAsync(step, ct => _services.StepHost(step.StepId, async progress =>
            {
                decimal before = _services.SpentUsd();
                long started = _budget.Time.GetTimestamp();
                try
                {
                    var (outputs, metrics) = await body(progress, ct);
                    metrics[DuoMetrics.CostUsd] = (double)(_services.SpentUsd() - before);
                    metrics[DuoMetrics.WallSeconds] = (earlier + _budget.Time.GetElapsedTime(started)).TotalSeconds;
                    return new StepOutcome(outputs, metrics);
                }
                catch
                {
                    _budget.RecordInterrupted(step.StepId, earlier + _budget.Time.GetElapsedTime(started));
                    throw;
                }
            }), deadline.Token);
        }
        catch (OperationCanceledException e) when (deadline.Expired && !cancellationToken.IsCancellationRequested)
        {
            span.RecordFailure(e);
            throw _budget.StoppedInside(step.StepId);
        }
        catch (Exception e)
        {
            span.RecordFailure(e);
            throw;
        }
        span?.SetTag("understudy.step.status", record.Status.ToString().ToLowerInvariant());
        foreach (var (name, value) in record.Metrics)
        {
            span?.SetTag("understudy.metric." + name, value);
        }
        if (record.Status == StepStatus.Cached || record.RunId != _runner.RunId)
        {
            _services.Log($"{step.StepId}: inputs and config unchanged, reusing the outputs of run {record.CachedFrom ?? record.RunId}");
        }
        return record;
    }

    private Task<ArtifactRef> Describe(string role, string datasetId, string split, CancellationToken cancellationToken) =>
        DatasetArtifacts.DescribeAsync(_store, role, datasetId, split, cancellationToken);

    private ArtifactRef Prompt(string role, string templateHash) =>
        new(role, ArtifactKinds.Prompt, $"{role} template", ContentHash.OfParts("prompt", templateHash), _config.PromptTmplPath);

    private static ArtifactRef Role(string role, DuoRoleConfig config) =>
        new(role, ArtifactKinds.Judge, config.Version, ContentHash.OfParts(role, config.Version), config.Version);

    private static string StepId(int iteration, string step) => iteration == 0 ? $"teacher/{step}" : $"iter-{iteration}/{step}";
}
