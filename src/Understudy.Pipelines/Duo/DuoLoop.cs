using System.Diagnostics;
using System.Globalization;
using Understudy.Core.Datasets;
using Understudy.Core.Lineage;
using Understudy.Core.Observability;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// The LlamaDuo loop as one resumable pipeline: per iteration fine-tune (or continue) the student → batch-infer on the
/// test split → the judge evaluates; if the thresholds are not met, the teacher synthesises rows from the train
/// split → curate → merge → next iteration. Stops on a pass, <c>max_iterations</c>, or a budget, and says why. Every
/// step is the standalone command's pipeline, recorded in the run store with its artifacts; a restarted run replays
/// its finished steps from the store and resumes the interrupted one by row.
/// </summary>
public sealed class DuoLoop(IDatasetStore store, LineageStore lineage, TimeProvider? time = null)
{
    /// <summary>The command name recorded on runs.</summary>
    public const string CommandName = "duo";

    private readonly IDatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly LineageStore _lineage = lineage ?? throw new ArgumentNullException(nameof(lineage));
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Runs (or resumes) the loop.</summary>
    public async Task<DuoResult> RunAsync(DuoConfig config, DuoRunIdentity identity, DuoServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(services);
        var (run, resumed) = OpenRun(config, identity);
        using Activity? span = UnderstudyTelemetry.StartStep(CommandName, run.Id, [new("understudy.duo.name", config.Name)]);
        services.Log(resumed ? $"resuming run {run.Id}: finished steps are replayed from the run store" : $"run {run.Id}");
        var budget = new DuoBudget(config, _lineage, run.Id, _time);
        var steps = new DuoSteps(_store, new StepRunner(_lineage, new ArtifactHasher(_store), run.Id, _time), config,
            new DuoLayout(config, identity.ModelsRoot), services, budget);
        var iterations = new List<DuoIterationResult>();
        var state = new LoopState();
        try
        {
            if (config.EvaluateTeacher)
            {
                await steps.InferTeacherAsync(cancellationToken);
                StepRecord teacher = await steps.EvaluateAsync(0, cancellationToken);
                (state.TeacherSimilarity, state.TeacherPrecision) = (teacher.Metric(DuoMetrics.SimilarityMean), teacher.Metric(DuoMetrics.PrecisionMean));
            }
            var (reason, message) = await IterateAsync(config, steps, services, budget, iterations, state, cancellationToken);
            return Finish(run, StepStatus.Succeeded, reason, message, iterations, state, budget, resumed, services, steps);
        }
        catch (DuoStopException stop)
        {
            return Finish(run, StepStatus.Succeeded, stop.Reason, stop.Message, iterations, state, budget, resumed, services, steps);
        }
        catch (Exception e)
        {
            LogWarnings(steps, services);
            span.RecordFailure(e);
            bool cancelled = e is OperationCanceledException;
            _lineage.EndRun(run.Id, StepStatus.Failed, cancelled ? "cancelled" : "failed",
                (cancelled ? "cancelled" : e.Message) + "; rerun the same command to resume", _time.GetUtcNow());
            throw;
        }
    }

    private async Task<(DuoStopReason, string)> IterateAsync(DuoConfig config, DuoSteps steps, DuoServices services, DuoBudget budget,
        List<DuoIterationResult> iterations, LoopState state, CancellationToken cancellationToken)
    {
        ArtifactRef baseModel = await DuoSteps.BaseModelAsync(config.Student.BaseModel, cancellationToken);
        ArtifactRef start = baseModel;
        int perIteration = steps.SynthSamplesPerIteration();
        for (int iteration = 1; ; iteration++)
        {
            ThrowIfOverBudget(budget);
            StepRecord finetune = await steps.FinetuneAsync(iteration, start, iteration > 1 && config.Student.ContinueTraining, cancellationToken);
            ArtifactRef model = finetune.Output("model") ?? throw new InvalidOperationException($"{finetune.StepId} recorded no model output.");
            StepRecord infer = await steps.InferStudentAsync(iteration, model, cancellationToken);
            StepRecord evaluate = await steps.EvaluateAsync(iteration, cancellationToken);
            double similarity = evaluate.Metric(DuoMetrics.SimilarityMean), precision = evaluate.Metric(DuoMetrics.PrecisionMean);
            bool passed = evaluate.Metric(DuoMetrics.Passed) >= 1;
            var stepRecords = new List<StepRecord> { finetune, infer, evaluate };
            void Record(int synthetic) => iterations.Add(new DuoIterationResult(iteration, model.Location, (int)finetune.Metric(DuoMetrics.TrainRows),
                similarity, precision, passed, synthetic, stepRecords.ToDictionary(s => s.Kind, Seconds)));
            services.Log(string.Create(CultureInfo.InvariantCulture,
                $"iteration {iteration}: student similarity {similarity:0.0}, precision {precision:0.0} → {(passed ? "PASS" : "fail")}"));

            if (passed)
            {
                Record(0);
                return (DuoStopReason.Passed, string.Create(CultureInfo.InvariantCulture,
                    $"the student passed at iteration {iteration}: similarity {similarity:0.0} ≥ {config.AvgSimilarityThreshold}, precision {precision:0.0} ≥ {config.AvgPrecisionThreshold}"));
            }
            if (iteration >= config.MaxIterations)
            {
                Record(0);
                return (DuoStopReason.MaxIterations, string.Create(CultureInfo.InvariantCulture,
                    $"max_iterations ({config.MaxIterations}) reached without a pass: the last student scored similarity {similarity:0.0}, precision {precision:0.0} " +
                    $"(thresholds {config.AvgSimilarityThreshold} / {config.AvgPrecisionThreshold})"));
            }
            int remaining = config.MaxSynthSamples > 0 ? config.MaxSynthSamples - state.SyntheticRows : int.MaxValue;
            if (remaining <= 0)
            {
                Record(0);
                return (DuoStopReason.SynthBudget,
                    $"max_synth_samples ({config.MaxSynthSamples}) spent: {state.SyntheticRows} synthetic rows were generated, so no more training data can be made. Raise max_synth_samples and rerun to go on.");
            }
            Record(0);
            ThrowIfOverBudget(budget);
            StepRecord synth = await steps.SynthAsync(iteration, Math.Min(perIteration, remaining), cancellationToken);
            int published = (int)synth.Metric(DuoMetrics.Published);
            state.SyntheticRows += published;
            stepRecords.Add(synth);
            string newRows = synth.Output("synthetic") is { } synthetic ? DatasetArtifacts.Parse(synthetic.Location).DatasetId
                : throw new InvalidOperationException($"{synth.StepId} recorded no synthetic output.");
            if (config.Curate && services.Curator is { } curator)
            {
                StepRecord curate = await steps.CurateAsync(iteration, curator, cancellationToken);
                stepRecords.Add(curate);
                newRows = DatasetArtifacts.Parse(curate.Output("curated")!.Location).DatasetId;
            }
            stepRecords.Add(await steps.MergeAsync(iteration, newRows, cancellationToken));
            iterations[^1] = iterations[^1] with { SyntheticRows = published, StepSeconds = stepRecords.ToDictionary(s => s.Kind, Seconds) };
            start = config.Student.ContinueTraining ? model : baseModel;
        }
    }

    private static void ThrowIfOverBudget(DuoBudget budget)
    {
        if (budget.Exceeded() is { } stop)
        {
            throw stop;
        }
    }

    private static double Seconds(StepRecord step) => step.Status == StepStatus.Cached ? 0 : step.Metric(DuoMetrics.WallSeconds);

    private static void LogWarnings(DuoSteps steps, DuoServices services)
    {
        foreach (string warning in steps.Warnings)
        {
            services.Log("warning: " + warning);
        }
    }

    private DuoResult Finish(RunRecord run, StepStatus status, DuoStopReason reason, string message, List<DuoIterationResult> iterations,
        LoopState state, DuoBudget budget, bool resumed, DuoServices services, DuoSteps steps)
    {
        LogWarnings(steps, services);
        _lineage.EndRun(run.Id, status, DuoStopReasons.Name(reason), message, _time.GetUtcNow());
        services.Log($"stopped ({DuoStopReasons.Name(reason)}): {message}");
        return new DuoResult(run.Id, resumed, reason, message, iterations, state.TeacherSimilarity, state.TeacherPrecision, state.SyntheticRows, budget.CostUsd);
    }

    private (RunRecord Run, bool Resumed) OpenRun(DuoConfig config, DuoRunIdentity identity)
    {
        RunRecord? existing = identity.ResumeRunId is { } id
            ? _lineage.GetRun(id) ?? throw new ArgumentException($"No run '{id}' in {_lineage.DatabasePath} (list them with 'understudy runs list').")
            : identity.ForceNewRun ? null : _lineage.FindResumable(config.Name, identity.ConfigHash, DuoStopReasons.Name(DuoStopReason.WallTimeBudget));
        if (existing is not null)
        {
            _lineage.ReopenRun(existing.Id);
            return (existing, true);
        }
        DateTimeOffset now = _time.GetUtcNow();
        string runId = $"{CommandName}-{Sanitize(config.Name)}-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}";
        var run = new RunRecord(runId, config.Name, CommandName, identity.ConfigHash, identity.ConfigJson, StepStatus.Running, null, null, now, null);
        _lineage.CreateRun(run);
        return (run, false);
    }

    private static string Sanitize(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);

    private sealed class LoopState
    {
        public double TeacherSimilarity { get; set; } = double.NaN;
        public double TeacherPrecision { get; set; } = double.NaN;
        public int SyntheticRows { get; set; }
    }
}
