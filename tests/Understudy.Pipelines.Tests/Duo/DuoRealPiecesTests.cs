using System.Text.Json;
using Understudy.Core.Datasets;
using Understudy.Core.Lineage;
using Understudy.Core.Prompts;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Curation;
using Understudy.Pipelines.Duo;
using Understudy.Pipelines.FineTuning;
using Understudy.Pipelines.Tests.EndToEnd;
using Understudy.Pipelines.Tests.Fakes;

namespace Understudy.Pipelines.Tests.Duo;

/// <summary>
/// The loop with its real pieces: our fine-tuning trains stories260K (from UNDERSTUDY_TEST_MODELS), the built-in
/// engine runs it, the curation pipeline filters the synthetic rows; only teacher and judge are scripted.
/// </summary>
public sealed class DuoRealPiecesTests
{
    private const string ChatTemplate =
        "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}{{ message['content'] + '\\n' }}{% else %}{{ message['content'] + eos_token }}{% endif %}{% endfor %}";

    [Fact]
    public async Task Two_iterations_train_continue_run_and_curate_the_real_student()
    {
        string? models = Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS");
        if (string.IsNullOrEmpty(models))
        {
            Assert.Skip("UNDERSTUDY_TEST_MODELS is not set; real-model tests are skipped.");
        }
        using var workspace = new ParquetWorkspace();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await workspace.Store.WriteAsync("stories", "train", Enumerable.Range(0, 4).Select(i => Rows.Coverage($"Tell a story about cat {i}.", $"Cat {i} played.")), DatasetProvenance.Manual("test"), ct);
        await workspace.Store.WriteAsync("stories", "test", Enumerable.Range(0, 2).Select(i => Rows.Coverage($"Tell a story about dog {i}.", $"Dog {i} ran.")), DatasetProvenance.Manual("test"), ct);
        string Step(string name, string yaml)
        {
            string path = Path.Combine(workspace.Root, name + ".yaml");
            File.WriteAllText(path, yaml);
            return path;
        }
        var config = new DuoConfig
        {
            Name = "stories",
            CoverageDsId = "stories",
            MaxIterations = 2,
            EvaluateTeacher = false,
            Teacher = new DuoRoleConfig { Model = "teacher" },
            Judge = new DuoRoleConfig { Model = "judge" },
            Student = new DuoStudentConfig { BaseModel = Path.Combine(models, "stories260K-hf") },
            Steps = new DuoStepFiles
            {
                Finetune = Step("finetune", $"use_peft: false\nmax_steps: 1\nper_device_train_batch_size: 2\nmax_seq_length: 64\nlogging_steps: 1\n" +
                    $"do_eval: false\nsave_strategy: \"no\"\nlearning_rate: 0.001\nchat_template: {JsonSerializer.Serialize(ChatTemplate)}\n"),
                BatchInfer = Step("batch_infer", "max_new_tokens: 6\ntemperature: 0\ninference_bs: 2\n"),
                Synth = Step("synth", "num_samples: 2\npairs_per_call: 2\ngen_workers: 1\n"),
            },
        };
        int synthCalls = 0;
        var teacher = ChatClients.From(_ => JsonSerializer.Serialize(new
        {
            contents = new[] { 0, 1 }.Select(i => new { instruction = $"Tell a story about bird {synthCalls * 2 + i}.", response = $"Bird {i} sang." }),
        }));
        var judge = ChatClients.From(_ => """{"similarity_assessment": {"score": 30, "reason": "r"}, "precision_assessment": {"score": 30, "reason": "r"}}""");
        var lineage = LineageStore.ForWorkspace(workspace.Root);
        var services = new DuoServices
        {
            Teacher = teacher,
            Judge = judge,
            StudentRunner = new LocalEngineModelClientResolver(),
            Trainer = new FineTuningStudentTrainer(workspace.Store, new StepConfigFile<SftConfig>("finetune", config.Steps.Finetune)),
            Curator = new CurationPipelineCurator(workspace.Store, new StepConfigFile<CurationConfig>("curate", "")),
            EvalPrompt = new PromptTemplate("eval", "$instruction $human_response $lm_response"),
            SynthPrompt = new PromptTemplate("synth_data_gen", "$instruction $response $num_pairs"),
        };

        DuoResult result = await new DuoLoop(workspace.Store, lineage).RunAsync(config,
            new DuoRunIdentity("h", "{}", Path.Combine(workspace.Root, "models")), services, ct);

        Assert.Equal(DuoStopReason.MaxIterations, result.StopReason);
        Assert.Equal([4, 6], result.Iterations.Select(i => i.TrainRows));
        var steps = lineage.GetSteps(result.RunId).ToDictionary(s => s.StepId);
        Assert.Equal(result.Iterations[0].StudentModelDir, steps["iter-2/finetune"].Inputs.Single(i => i.Role == "start").Location);
        Assert.True(File.Exists(Path.Combine(result.Iterations[1].StudentModelDir, "config.json")));
        Assert.Equal(2, steps["iter-1/curate"].Metric("kept"));
        List<InferenceRow> answers = await workspace.RowsAsync<InferenceRow>("duo-stories/responses-2", "batch_infer");
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Equal(steps["iter-2/finetune"].Output("model")!.Location, a.ModelId));
    }
}
