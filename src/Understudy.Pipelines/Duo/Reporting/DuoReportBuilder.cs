using System.Globalization;
using System.Text.Json;
using Understudy.Core.Datasets;
using Understudy.Core.Lineage;
using Understudy.Pipelines.Curation;
using Understudy.Pipelines.Reporting;

namespace Understudy.Pipelines.Duo.Reporting;

/// <summary>
/// Builds the <see cref="RunReportData"/> of a duo run from the run store and the step outputs it records: the
/// judge's scores per response (evaluation datasets), the loss curves next to each student, dataset sizes, curation
/// reports, step wall times and service usage per role (from the steps' token and cost metrics).
/// </summary>
public sealed class DuoReportBuilder(IDatasetStore store, LineageStore lineage)
{
    private const int WorstAnswersPerIteration = 5;

    private readonly IDatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly LineageStore _lineage = lineage ?? throw new ArgumentNullException(nameof(lineage));

    /// <summary>The report data of <paramref name="runId"/>; <see cref="ArgumentException"/> when the store has no such run.</summary>
    public async Task<RunReportData> BuildAsync(string runId, CancellationToken cancellationToken = default)
    {
        RunRecord run = _lineage.GetRun(runId) ?? throw new ArgumentException(
            $"No run '{runId}' in {_lineage.DatabasePath} (list them with 'understudy runs list').", nameof(runId));
        IReadOnlyList<StepRecord> steps = _lineage.GetSteps(runId);
        Dictionary<string, string> config = FlatConfig(run.ConfigJson);
        string Config(string key) => config.GetValueOrDefault(key, "");

        StepRecord? teacherEvaluation = steps.FirstOrDefault(s => s.StepId == "teacher/evaluate");
        ScoreReport? teacher = teacherEvaluation is null ? null
            : (await ScoresAsync(teacherEvaluation, Config("teacher.model"), cancellationToken)).Report;
        var iterations = new List<IterationReport>();
        foreach (var group in steps.Where(s => s.Iteration > 0).GroupBy(s => s.Iteration).OrderBy(g => g.Key))
        {
            iterations.Add(await IterationAsync(group.Key, [.. group], teacher, Config("student.base_model"), cancellationToken));
        }
        return new RunReportData
        {
            RunId = run.Id,
            Title = $"duo: {run.Name}",
            StartedAt = run.StartedAt,
            EndedAt = run.EndedAt,
            Outcome = run.Outcome is null ? Status(run.Status) : $"{run.Outcome}: {run.Message}",
            Thresholds = new ReportThresholds(Number(Config("avg_similarity_threshold")), Number(Config("avg_precision_threshold"))),
            ConfigSummary = [.. config.Where(c => !c.Key.StartsWith("steps.", StringComparison.Ordinal) || c.Value.Length > 0)],
            Iterations = iterations,
            Usage = DuoUsage.FromSteps(steps, Config("teacher.model"), Config("judge.model")),
        };
    }

    private async Task<IterationReport> IterationAsync(int iteration, List<StepRecord> steps, ScoreReport? teacher, string student,
        CancellationToken cancellationToken)
    {
        StepRecord? Step(string kind) => steps.FirstOrDefault(s => s.Kind == kind);
        var (scores, worst) = Step("evaluate") is { } evaluate
            ? await ScoresAsync(evaluate, $"student iteration {iteration} ({Path.GetFileName(student)})", cancellationToken)
            : (null, []);
        LossCurves? curves = Step("finetune")?.Output("loss_curves") is { } file && File.Exists(file.Location)
            ? JsonSerializer.Deserialize<LossCurves>(await File.ReadAllTextAsync(file.Location, cancellationToken))
            : null;
        CurationReport? curation = Step("curate")?.Output("curation_report") is { } report && File.Exists(report.Location)
            ? await CurationReportFile.LoadAsync(report.Location, cancellationToken)
            : null;
        return new IterationReport
        {
            Index = iteration,
            Student = scores,
            Teacher = teacher,
            TrainingLoss = [.. (curves?.Train ?? []).Select(p => new Understudy.Pipelines.Reporting.LossPoint(p.Step, p.Loss))],
            EvalLoss = [.. (curves?.Eval ?? []).Select(p => new Understudy.Pipelines.Reporting.LossPoint(p.Step, p.Loss))],
            Datasets = new DatasetSizes
            {
                Train = Count(Step("finetune"), DuoMetrics.TrainRows),
                Test = Count(Step("batch-infer"), "pairs"),
                Synth = Count(Step("synth"), DuoMetrics.Published),
                Curated = Count(Step("curate"), "kept"),
                Merged = Count(Step("merge"), DuoMetrics.TrainRows),
            },
            Curation = curation,
            WorstAnswers = worst,
            StepTimes = [.. steps.Select(s => new StepTiming(s.Kind, s.Status == StepStatus.Cached ? TimeSpan.Zero : s.Duration))],
        };
    }

    /// <summary>Per-response scores (the mean of a response's valid judgements) and the worst answers with the judge's reasons.</summary>
    private async Task<(ScoreReport Report, IReadOnlyList<WorstAnswer> Worst)> ScoresAsync(StepRecord evaluate, string model, CancellationToken cancellationToken)
    {
        ArtifactRef output = evaluate.Output("evaluations") ?? throw new InvalidDataException($"{evaluate.StepId} recorded no evaluations output.");
        var (datasetId, split) = DatasetArtifacts.Parse(output.Location);
        var rows = new List<(EvaluationRow Row, double Similarity, double Precision)>();
        await foreach (EvaluationRow row in _store.ReadAsync<EvaluationRow>(datasetId, split, cancellationToken))
        {
            double[] similarity = [.. row.SimilarityScores.OfType<int>().Select(s => (double)s)];
            double[] precision = [.. row.PrecisionScores.OfType<int>().Select(s => (double)s)];
            if (similarity.Length > 0 && precision.Length > 0)
            {
                rows.Add((row, similarity.Average(), precision.Average()));
            }
        }
        var report = new ScoreReport
        {
            Model = model,
            Similarity = [.. rows.Select(r => r.Similarity)],
            Precision = [.. rows.Select(r => r.Precision)],
            Passed = double.IsNaN(evaluate.Metric(DuoMetrics.Passed)) ? null : evaluate.Metric(DuoMetrics.Passed) >= 1,
        };
        IReadOnlyList<WorstAnswer> worst = [.. rows.OrderBy(r => r.Similarity + r.Precision).Take(WorstAnswersPerIteration)
            .Select(r => new WorstAnswer(r.Row.PromptId, r.Row.Instructions, r.Row.TargetResponses, r.Row.CandidateResponses,
                r.Similarity, r.Precision, string.Join(" | ", r.Row.JudgeReasons.Where(x => x.Length > 0).Distinct())))];
        return (report, worst);
    }

    private static int? Count(StepRecord? step, string metric) =>
        step is null || double.IsNaN(step.Metric(metric)) ? null : (int)step.Metric(metric);

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : 0;

    private static string Status(StepStatus status) => status.ToString().ToLowerInvariant();

    private static Dictionary<string, string> FlatConfig(string json)
    {
        using JsonDocument document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return document.RootElement.ValueKind != JsonValueKind.Object ? [] : document.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
    }
}
