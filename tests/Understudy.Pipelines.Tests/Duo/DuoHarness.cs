using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Understudy.Core.Datasets;
using Understudy.Core.Lineage;
using Understudy.Core.Prompts;
using Understudy.Pipelines.Duo;
using Understudy.Pipelines.Tests.EndToEnd;
using Understudy.Pipelines.Tests.Fakes;

namespace Understudy.Pipelines.Tests.Duo;

/// <summary>
/// A duo loop on a real on-disk workspace with scripted teacher and judge clients and a <see cref="FakeStudent"/>.
/// The judge scores the student 5 points per row it knows (capped at 95) and the teacher's answers 95; coverage has
/// 8 train and 4 test rows, and synth makes 8 rows per iteration, so the student scores 40 at iteration 1 and 95
/// once it has trained on the merged rows (16 rows plus half of what the model it continues from knew).
/// </summary>
internal sealed partial class DuoHarness : IDisposable
{
    private int _generated;

    public DuoHarness()
    {
        Workspace = new ParquetWorkspace();
        Lineage = LineageStore.ForWorkspace(Workspace.Root);
        Student = new FakeStudent(Workspace.Store, Checkpoints);
        Workspace.Store.WriteAsync("cov", "train", Rows.CoverageSet(8), DatasetProvenance.Manual("test")).GetAwaiter().GetResult();
        Workspace.Store.WriteAsync("cov", "test", Rows.CoverageSet(4, prefix: "test ticket"), DatasetProvenance.Manual("test")).GetAwaiter().GetResult();
        File.WriteAllText(StepFile("batch_infer"), "inference_bs: 1\nmax_new_tokens: 16\n");
        File.WriteAllText(StepFile("evaluate"), "eval_repeat: 1\neval_workers: 1\neval_data_preprocess_bs: 1\n");
        File.WriteAllText(StepFile("synth"), "num_samples: 8\npairs_per_call: 4\ngen_workers: 1\nseed: 7\n");
        Config = new DuoConfig
        {
            Name = "triage",
            CoverageDsId = "cov",
            MaxIterations = 4,
            AvgSimilarityThreshold = 70,
            AvgPrecisionThreshold = 70,
            Teacher = new DuoRoleConfig { Model = "teacher-model", BaseUrl = "http://127.0.0.1:1/v1" },
            Judge = new DuoRoleConfig { Model = "judge-model", BaseUrl = "http://127.0.0.1:1/v1" },
            Student = new DuoStudentConfig { BaseModel = "tiny-base" },
            Steps = new DuoStepFiles { BatchInfer = StepFile("batch_infer"), Evaluate = StepFile("evaluate"), Synth = StepFile("synth") },
        };
    }

    public ParquetWorkspace Workspace { get; }

    public LineageStore Lineage { get; }

    public DuoCheckpoints Checkpoints { get; } = new();

    public FakeStudent Student { get; }

    public DuoConfig Config { get; }

    /// <summary>Dollars each judge call costs (the usage ledger's view).</summary>
    public decimal JudgeCallPrice { get; set; }

    public decimal Spent;

    public List<string> Log { get; } = [];

    /// <summary>The loop's clock (steps' timestamps, wall time, the wall-time deadline).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public ICurator? Curator { get; set; }

    public string StepFile(string step) => Path.Combine(Workspace.Root, step + ".yaml");

    public Task<DuoResult> RunAsync(bool forceNewRun = false, string configHash = "duo-config-v1") =>
        new DuoLoop(Workspace.Store, Lineage, Time).RunAsync(Config,
            new DuoRunIdentity(configHash, ConfigJson(), Path.Combine(Workspace.Root, "models"), ForceNewRun: forceNewRun),
            Services(), Checkpoints.ProcessToken);

    /// <summary>Runs until killed at the checkpoint, then "restarts the process" and runs again.</summary>
    public async Task<DuoResult> RunKilledAtThenResumeAsync(string checkpoint, int pass = 1)
    {
        Checkpoints.KillAt(checkpoint, pass);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync());
        Checkpoints.Restart();
        return await RunAsync();
    }

    private string ConfigJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = Config.Name,
        ["avg_similarity_threshold"] = Config.AvgSimilarityThreshold,
        ["avg_precision_threshold"] = Config.AvgPrecisionThreshold,
        ["teacher.model"] = Config.Teacher.Model,
        ["judge.model"] = Config.Judge.Model,
    });

    private DuoServices Services() => new()
    {
        Teacher = ChatClients.From(prompt =>
        {
            if (!prompt.StartsWith("Example:", StringComparison.Ordinal))
            {
                return "teacher answer";
            }
            Checkpoints.Pass("generate");
            return JsonSerializer.Serialize(new
            {
                contents = Enumerable.Range(0, 4).Select(_ => Interlocked.Increment(ref _generated))
                    .Select(n => new { instruction = $"synthetic ticket {n}", response = $"{{\"n\": {n}}}" }),
            });
        }),
        Judge = ChatClients.From(Judge),
        StudentRunner = Student,
        Trainer = Student,
        Curator = Curator,
        EvalPrompt = new PromptTemplate("eval", "Instruction: $instruction\nHuman: $human_response\nModel: $lm_response"),
        SynthPrompt = new PromptTemplate("synth_data_gen", "Example: $instruction => $response. Write $num_pairs about $topic."),
        SpentUsd = () => Spent,
        Log = line => { lock (Log) { Log.Add(line); } },
    };

    private string Judge(string prompt)
    {
        Checkpoints.Pass("judge");
        lock (Log)
        {
            Spent += JudgeCallPrice;
        }
        Match known = KnowsPattern().Match(prompt);
        int score = known.Success ? Math.Min(95, 5 * int.Parse(known.Groups[1].Value, CultureInfo.InvariantCulture)) : 95;
        return $$$"""{"similarity_assessment": {"score": {{{score}}}, "reason": "r"}, "precision_assessment": {"score": {{{score}}}, "reason": "r"}}""";
    }

    [GeneratedRegex(@"student knows (\d+)")]
    private static partial Regex KnowsPattern();

    public void Dispose() => Workspace.Dispose();
}
