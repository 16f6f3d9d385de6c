using System.Collections.Concurrent;
using Understudy.Core.Datasets;
using Understudy.Core.Prompts;
using Understudy.Pipelines.Evaluation;
using Understudy.Pipelines.Tests.Fakes;
using Understudy.Testing;

namespace Understudy.Pipelines.Tests.EndToEnd;

/// <summary>evaluate over HTTP against the scripted OpenAI-compatible server, with a Parquet store on disk.</summary>
public sealed class EvaluateEndToEndTests
{
    private const string Template = "Instruction: $instruction\nReference: $human_response\nCandidate: <$lm_response>";

    private static readonly PromptTemplate Prompt = new("eval", Template);

    private static string Verdict(int similarity, int precision) =>
        $$$"""{"similarity_assessment": {"score": {{{similarity}}}, "reason": "r"}, "precision_assessment": {"score": {{{precision}}}, "reason": "r"}}""";

    /// <summary>Each candidate's first attempt fails in its own way; later attempts succeed, except "always-140".</summary>
    private static ScriptedReply Script(ChatRequest request, ConcurrentDictionary<string, int> attempts)
    {
        string task = ScriptedServerClients.Task(request);
        string candidate = task[(task.IndexOf('<', StringComparison.Ordinal) + 1)..task.LastIndexOf('>')];
        int attempt = attempts.AddOrUpdate(candidate, 1, (_, n) => n + 1);
        return (candidate, attempt) switch
        {
            ("rate-limited", 1) => ScriptedReply.TooManyRequests(TimeSpan.FromSeconds(1)),
            ("server-error", 1) => ScriptedReply.Error(500),
            ("broken-body", 1) => ScriptedReply.Malformed(),
            ("hangs", 1) => ScriptedReply.HangUntilCancelled(),
            ("fraction", 1) => ScriptedReply.Text("""{"similarity_assessment": {"score": "85/100", "reason": "r"}, "precision_assessment": {"score": 85, "reason": "r"}}"""),
            ("always-140", _) => ScriptedReply.Text(Verdict(140, 90)),
            _ => ScriptedReply.Text("```json\n" + Verdict(88, 92) + "\n```"),
        };
    }

    [Fact]
    public async Task Evaluate_ends_with_every_response_scored_or_recorded_as_failed_and_a_rerun_completes_without_duplicates()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        await using var server = await ScriptedOpenAiServer.StartAsync(request => Script(request, attempts),
            cancellationToken: TestContext.Current.CancellationToken);
        using var workspace = new ParquetWorkspace();
        string[] candidates = ["fine", "rate-limited", "server-error", "broken-body", "hangs", "fraction", "always-140"];
        await workspace.Store.WriteAsync("responses", "batch_infer", candidates.Select((c, i) => Rows.Inference($"p{i}", 0, c)),
            DatasetProvenance.Manual("test"), TestContext.Current.CancellationToken);
        var config = new EvaluationConfig
        {
            ServiceModelName = "judge-model", LmResponseDsId = "responses", EvalDsId = "evals",
            EvalWorkers = 3, EvalDataPreprocessBs = 2, AvgSimilarityThreshold = 80, AvgPrecisionThreshold = 80,
        };
        using var judge = ScriptedServerClients.For(server, "judge-model");
        var pipeline = new EvaluationPipeline(workspace.Store);

        await pipeline.RunAsync(config, judge, Prompt, cancellationToken: TestContext.Current.CancellationToken);
        var firstRun = await workspace.RowsAsync<EvaluationRow>("evals", "eval");
        Assert.Equal(7, firstRun.Count);
        Assert.All(firstRun, row => Assert.True(row.ParseStatuses.Single() == "ok" || row.ParseStatuses.Single().StartsWith("failed: ", StringComparison.Ordinal)));
        Assert.All(firstRun.Where(r => r.ParseStatuses[0] != "ok"), r => Assert.Null(r.SimilarityScores[0]));

        var rerun = await pipeline.RunAsync(config, judge, Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var rows = (await workspace.RowsAsync<EvaluationRow>("evals", "eval")).ToDictionary(r => r.CandidateResponses);
        Assert.Equal(7, rows.Count);
        Assert.All(candidates.Where(c => c != "always-140"), c => Assert.Equal("88:ok", $"{rows[c].SimilarityScores.Single()}:{rows[c].ParseStatuses.Single()}"));
        Assert.Contains("140 is outside 0-100", rows["always-140"].ParseStatuses[0], StringComparison.Ordinal);
        Assert.Contains("140", rows["always-140"].JudgeRawTexts[0], StringComparison.Ordinal);
        Assert.Equal(2, attempts["fraction"]);
        EvaluationSummaryRow summary = Assert.Single(rerun.Summaries);
        Assert.Equal((7, 6, 1, "pass"), (summary.Responses, summary.ScoredResponses, summary.FailedJudgements, summary.Verdict));
        Assert.Equal("pass", Assert.Single(await workspace.RowsAsync<EvaluationSummaryRow>("evals", "eval_summary")).Verdict);
    }
}
