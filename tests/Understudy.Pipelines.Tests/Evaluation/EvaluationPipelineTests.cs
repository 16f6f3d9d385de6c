using Understudy.Core.Datasets;
using Understudy.Core.Prompts;
using Understudy.Pipelines.Evaluation;
using Understudy.Pipelines.Tests.Fakes;

namespace Understudy.Pipelines.Tests.Evaluation;

public sealed class EvaluationPipelineTests
{
    private const string Template = "Instruction: $instruction\nHuman: $human_response\nModel: $lm_response\nReply in JSON.";

    private static readonly PromptTemplate Prompt = new("eval", Template);

    private static string Verdict(int similarity, int precision) =>
        $$$"""{"similarity_assessment": {"score": {{{similarity}}}, "reason": "r"}, "precision_assessment": {"score": {{{precision}}}, "reason": "r"}}""";

    private static EvaluationConfig Config(int repeat = 2) => new()
    {
        ServiceModelName = "judge",
        LmResponseDsId = "responses",
        EvalDsId = "evals",
        EvalRepeat = repeat,
        EvalWorkers = 3,
        EvalDataPreprocessBs = 2,
        AvgSimilarityThreshold = 80,
        AvgPrecisionThreshold = 80,
    };

    private static async Task<InMemoryDatasetStore> StoreWithResponses(params string[] candidates)
    {
        var store = new InMemoryDatasetStore();
        await Rows.SeedAsync(store, "responses", "batch_infer", candidates.Select((c, i) => Rows.Inference($"p{i}", 0, c)));
        return store;
    }

    [Fact]
    public async Task RunAsync_scores_every_response_or_records_the_failure_with_reason_and_raw_text()
    {
        var store = await StoreWithResponses("good", "fraction", "too-high", "good");
        var attempts = new Dictionary<string, int>();
        var judge = ChatClients.From(prompt =>
        {
            string candidate = prompt.Contains("fraction", StringComparison.Ordinal) ? "fraction"
                : prompt.Contains("too-high", StringComparison.Ordinal) ? "too-high" : "good";
            lock (attempts)
            {
                attempts[candidate] = attempts.GetValueOrDefault(candidate) + 1;
            }
            return candidate switch
            {
                "fraction" when attempts["fraction"] % 2 == 1 => """{"similarity_assessment": {"score": "85/100", "reason": "r"}, "precision_assessment": {"score": 85, "reason": "r"}}""",
                "too-high" => Verdict(140, 90),
                _ => Verdict(90, 95),
            };
        });

        var result = await new EvaluationPipeline(store).RunAsync(Config(repeat: 1), judge, Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var rows = store.Rows<EvaluationRow>("evals", "eval").ToDictionary(r => r.PromptId);
        Assert.Equal(4, rows.Count);
        Assert.Equal([90], rows["p0"].SimilarityScores);
        Assert.Equal(["ok"], rows["p1"].ParseStatuses);
        Assert.Equal([null], rows["p2"].SimilarityScores);
        Assert.StartsWith("failed: malformed: 'similarity_assessment.score' 140 is outside 0-100", rows["p2"].ParseStatuses[0], StringComparison.Ordinal);
        Assert.Contains("140", rows["p2"].JudgeRawTexts[0], StringComparison.Ordinal);
        Assert.Equal(3, attempts["too-high"]);
        Assert.Equal(1, result.FailedJudgements);
        Assert.Contains("Model: good", rows["p0"].EvalPrompts[0], StringComparison.Ordinal);
        Assert.Equal(["judge"], rows["p0"].Evaluators);
    }

    [Fact]
    public async Task RunAsync_stores_the_per_model_summary_with_the_verdict()
    {
        var store = await StoreWithResponses("a", "b", "c");
        var judge = ChatClients.From(_ => Verdict(82, 88));

        var result = await new EvaluationPipeline(store).RunAsync(Config(), judge, Prompt, cancellationToken: TestContext.Current.CancellationToken);

        EvaluationSummaryRow stored = Assert.Single(store.Rows<EvaluationSummaryRow>("evals", "eval_summary"));
        Assert.Equal(("pass", 3, 6), (stored.Verdict, stored.Responses, stored.Judgements));
        Assert.Equal(82, stored.SimilarityMean, 6);
        Assert.True(result.Passed);
        Assert.Equal(6, result.JudgeCalls);
        Assert.Equal(60, result.InputTokens);
    }

    [Fact]
    public async Task RunAsync_cancelled_midway_then_rerun_judges_each_response_exactly_once()
    {
        var store = await StoreWithResponses([.. Enumerable.Range(0, 12).Select(i => $"c{i}")]);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        int calls = 0;
        var judge = ChatClients.FromAsync(async (_, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 10)
            {
                await cancel.CancelAsync();
            }
            await Task.Delay(5, ct);
            return Verdict(70, 70);
        });
        var pipeline = new EvaluationPipeline(store);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync(Config(), judge, Prompt, cancellationToken: cancel.Token));
        int saved = store.Rows<EvaluationRow>("evals", "eval").Count;
        var result = await pipeline.RunAsync(Config(), judge, Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var rows = store.Rows<EvaluationRow>("evals", "eval");
        Assert.InRange(saved, 1, 11);
        Assert.Equal(saved, result.ResumedResponses);
        Assert.Equal(12, rows.Count);
        Assert.Equal(12, rows.Select(r => r.PromptId).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(["ok", "ok"], r.ParseStatuses));
    }

    [Fact]
    public async Task RunAsync_rerun_re_asks_only_failed_judgements_and_rewrites_rows_without_duplicates()
    {
        var store = await StoreWithResponses("x", "y");
        bool judgeBroken = true;
        int calls = 0;
        var judge = ChatClients.From(_ =>
        {
            int call = Interlocked.Increment(ref calls);
            return judgeBroken && call % 2 == 0 ? throw new HttpRequestException("503 Service Unavailable") : Verdict(75, 80);
        });
        var pipeline = new EvaluationPipeline(store);
        var first = await pipeline.RunAsync(Config(), judge, Prompt, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, first.FailedJudgements);

        judgeBroken = false;
        int before = calls;
        var second = await pipeline.RunAsync(Config(), judge, Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var rows = store.Rows<EvaluationRow>("evals", "eval");
        Assert.Equal(2, calls - before);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal([75, 75], r.SimilarityScores));
        Assert.Equal(0, second.FailedJudgements);
        Assert.Equal(0, Assert.Single(second.Summaries).FailedJudgements);
    }

    [Fact]
    public async Task RunAsync_names_a_template_placeholder_it_cannot_fill()
    {
        var store = await StoreWithResponses("x");

        var judge = ChatClients.From(_ => Verdict(1, 1));
        var error = await Assert.ThrowsAsync<PromptTemplateException>(() => new EvaluationPipeline(store)
            .RunAsync(Config(), judge, new PromptTemplate("eval", "Rate $answer"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("$answer", error.Message, StringComparison.Ordinal);
        Assert.Contains("$lm_response", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, judge.CallCount);
    }
}
