using System.CommandLine;
using Understudy.Cli.Commands.Pipelines;
using Understudy.Cli.Hosting;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;
using Understudy.Core.Workspaces;
using Understudy.Testing;

namespace Understudy.Cli.Tests.Commands;

/// <summary>
/// batch-infer → evaluate → synth → merge through the CLI (YAML configs plus flag overrides) against the scripted
/// OpenAI-compatible server playing student, judge and teacher, with the workspace's Parquet store on disk.
/// </summary>
public sealed class LlamaDuoCommandsTests : IAsyncLifetime
{
    private const string Prompts = """
        [eval]
        prompt = "Instruction: $instruction\nReference: $human_response\nCandidate: $lm_response"

        [synth_data_gen]
        prompt = "Like: $instruction -> $response. Write $num_pairs about $topic."
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("understudy-llamaduo-").FullName;
    private readonly RootCommand _root = UnderstudyRootCommand.Create();
    private ScriptedOpenAiServer _server = null!;

    private string Workspace => Path.Combine(_folder, "workspace");

    public async ValueTask InitializeAsync()
    {
        foreach (Command command in LlamaDuoCommands.Create())
        {
            _root.Subcommands.Add(command);
        }
        _server = await ScriptedOpenAiServer.StartAsync(Answer);
        File.WriteAllText(Path.Combine(_folder, "prompts.toml"), Prompts);
        var store = new ParquetDatasetStore(new Workspace(Workspace));
        List<CoverageRow> rows = [.. Enumerable.Range(0, 8).Select(i => Coverage($"ticket {i}: cannot log in", $"{{\"team\": \"account\", \"n\": {i}}}"))];
        await store.WriteAsync("tickets", "train", rows.Take(5), DatasetProvenance.Manual("test"));
        await store.WriteAsync("tickets", "test", rows.Skip(5), DatasetProvenance.Manual("test"));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_four_tools_run_end_to_end_from_yaml_configs_with_flag_overrides()
    {
        string service = $"service_base_url: {_server.BaseUrl}\nprompt_tmpl_path: {Path.Combine(_folder, "prompts.toml")}\nrate_limit_per_minute: 0\n";

        Assert.Equal(0, await RunAsync("batch-infer", $"ft_model_id: student\nft_model_base_url: {_server.BaseUrl}\ntest_ds_id: tickets\n" +
            "lm_response_ds_id: responses\nrepeat: 1\n", "--repeat", "2"));
        Assert.Equal(0, await RunAsync("evaluate", service + "service_model_name: judge\nlm_response_ds_id: responses\neval_ds_id: evals\n" +
            "avg_similarity_threshold: 80\navg_precision_threshold: 80\n", "--eval-repeat", "2"));
        Assert.Contains("PASS", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await RunAsync("synth", service + "service_model_name: teacher\nreference_ds_id: tickets\nnum_samples: 7\n" +
            "topic: login\nsynth_ds_id: synth\n"));
        Assert.Equal(0, await RunAsync("merge", "first_ds_id: tickets\nsecond_ds_id: synth\nresult_ds_id: merged\n"));
        Assert.Equal(0, await RunAsync("merge", "first_ds_id: tickets\nsecond_ds_id: synth\nresult_ds_id: merged\n"));

        var store = new ParquetDatasetStore(new Workspace(Workspace));
        Assert.Equal(6, await CountAsync<InferenceRow>(store, "responses", "batch_infer"));
        var evals = await ReadAsync<EvaluationRow>(store, "evals", "eval");
        Assert.Equal(6, evals.Count);
        Assert.All(evals, e => Assert.Equal([90, 90], e.SimilarityScores));
        Assert.Equal(7, await CountAsync<SynthRow>(store, "synth", "train"));
        Assert.Equal(12, await CountAsync<CoverageRow>(store, "merged", "train"));
        Assert.Equal(3, await CountAsync<CoverageRow>(store, "merged", "test"));
    }

    [Fact]
    public async Task Batch_infer_cancelled_by_ctrl_c_exits_130_and_the_rerun_completes_without_duplicates()
    {
        using var cancel = new CancellationTokenSource();
        _onStudentRequest = sequence =>
        {
            if (sequence == 4)
            {
                cancel.Cancel();
            }
        };
        string yaml = $"ft_model_id: student\nft_model_base_url: {_server.BaseUrl}\ntest_ds_id: tickets\ntest_ds_split: train\n" +
            "lm_response_ds_id: responses\nrepeat: 3\ninference_bs: 2\n";

        Assert.Equal(ExitCodes.Cancelled, await RunAsync("batch-infer", yaml, cancel.Token));
        _onStudentRequest = null;
        Assert.Equal(0, await RunAsync("batch-infer", yaml, CancellationToken.None));

        var rows = await ReadAsync<InferenceRow>(new ParquetDatasetStore(new Workspace(Workspace)), "responses", "batch_infer");
        Assert.Equal(15, rows.Count);
        Assert.Equal(15, rows.Select(r => (r.PromptId, r.RepeatIndex)).Distinct().Count());
    }

    private readonly StringWriter _output = new();
    private Action<int>? _onStudentRequest;

    private ScriptedReply Answer(ChatRequest request) => request.Model switch
    {
        "student" => Student(request),
        "judge" => ScriptedReply.Text("""{"similarity_assessment": {"score": 90, "reason": "same team"}, "precision_assessment": {"score": 90, "reason": "right"}}"""),
        "teacher" => ScriptedReply.Json(new
        {
            contents = Enumerable.Range(0, 5).Select(i => new { instruction = $"ticket {request.Sequence}-{i}: password reset loop", response = "{\"team\": \"account\"}" }),
        }),
        _ => ScriptedReply.Error(404, $"unknown model {request.Model}"),
    };

    private ScriptedReply Student(ChatRequest request)
    {
        _onStudentRequest?.Invoke(request.Sequence);
        return ScriptedReply.Text("{\"team\": \"account\"}") with { Latency = TimeSpan.FromMilliseconds(20) };
    }

    private Task<int> RunAsync(string command, string yaml, params string[] flags) => RunAsync(command, yaml, CancellationToken.None, flags);

    private Task<int> RunAsync(string command, string yaml, CancellationToken cancellationToken, params string[] flags)
    {
        string path = Path.Combine(_folder, command + ".yaml");
        File.WriteAllText(path, yaml);
        return CliRunner.RunAsync(_root, [command, "--from-config", path, .. flags, "--workspace", Workspace], _output, new StringWriter(), cancellationToken);
    }

    private static CoverageRow Coverage(string prompt, string answer)
    {
        List<ChatTurn> messages = [new("user", prompt), new("assistant", answer)];
        return new CoverageRow { Prompt = prompt, PromptId = RowId.FromMessages(messages), Messages = messages, Category = "account" };
    }

    private static async Task<List<T>> ReadAsync<T>(IDatasetStore store, string id, string split) where T : class, new()
    {
        var rows = new List<T>();
        await foreach (T row in store.ReadAsync<T>(id, split))
        {
            rows.Add(row);
        }
        return rows;
    }

    private static async Task<int> CountAsync<T>(IDatasetStore store, string id, string split) where T : class, new() =>
        (await ReadAsync<T>(store, id, split)).Count;
}
