using Understudy.Core.Configuration;
using Understudy.Core.Runs;
using Understudy.Core.Tests.Configuration;

namespace Understudy.Core.Tests.Runs;

public sealed class RunSummaryStoreTests : IDisposable
{
    private readonly string _workspace = Directory.CreateTempSubdirectory("understudy-runs-").FullName;
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    public void Dispose() => Directory.Delete(_workspace, recursive: true);

    private static RunSummaryBuilder Builder(string command, DateTimeOffset startedAt, string token = "hf_secret")
    {
        var flags = new Dictionary<string, string> { ["--service-model-name"] = "judge", ["--hf-token"] = token };
        return new RunSummaryBuilder(command, ConfigLoader.Load<SampleEvalConfig>(null, flags).Effective, startedAt);
    }

    [Fact]
    public void Save_then_Read_round_trips_every_field()
    {
        var store = new RunSummaryStore(_workspace);
        var summary = Builder("evaluate", Start)
            .SetMetric("avg_similarity", 91.5).SetVerdict("pass").AddInput("lm_response/batch_infer").AddOutput("eval/eval")
            .Build(RunStatus.Succeeded, 0, Start.AddMinutes(3));

        var path = store.Save(summary);
        var back = RunSummaryStore.Read(path);

        Assert.Equal(Path.Combine(_workspace, "runs", "evaluate-20260102-030405-678.json"), path);
        Assert.Equal(summary.Id, back.Id);
        Assert.Equal(summary.ConfigHash, back.ConfigHash);
        Assert.Equal(91.5, back.Metrics["avg_similarity"]);
        Assert.Equal("pass", back.Verdict);
        Assert.Equal(["lm_response/batch_infer"], back.Inputs);
        Assert.Equal(["eval/eval"], back.Outputs);
        Assert.Equal(RunStatus.Succeeded, back.Status);
        Assert.Equal(TimeSpan.FromMinutes(3), back.Duration);
        Assert.Equal("judge", back.Config["service_model_name"].GetString());
        Assert.Equal(1, back.Config["eval_repeat"].GetInt32());
    }

    [Fact]
    public void Save_never_writes_secret_values()
    {
        var path = new RunSummaryStore(_workspace).Save(Builder("evaluate", Start, token: "hf_do_not_leak").Build(RunStatus.Succeeded, 0, Start));

        var json = File.ReadAllText(path);
        Assert.DoesNotContain("hf_do_not_leak", json, StringComparison.Ordinal);
        Assert.Contains("\"hf_token\": \"***\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"succeeded\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_keeps_both_runs_when_two_start_in_the_same_millisecond()
    {
        var store = new RunSummaryStore(_workspace);
        var first = store.Save(Builder("synth", Start).Build(RunStatus.Succeeded, 0, Start));
        var second = store.Save(Builder("synth", Start).Build(RunStatus.Failed, 1, Start));

        Assert.NotEqual(first, second);
        Assert.Equal(2, store.List("synth").Count);
    }

    [Fact]
    public void List_returns_newest_first_and_filters_by_command()
    {
        var store = new RunSummaryStore(_workspace);
        store.Save(Builder("evaluate", Start).Build(RunStatus.Succeeded, 0, Start));
        store.Save(Builder("evaluate", Start.AddHours(1)).SetVerdict("fail").Build(RunStatus.Succeeded, 0, Start.AddHours(1)));
        store.Save(Builder("synth", Start.AddHours(2)).Build(RunStatus.Succeeded, 0, Start.AddHours(2)));

        Assert.Equal(["synth", "evaluate", "evaluate"], store.List().Select(s => s.Command));
        Assert.Equal("fail", store.Latest("evaluate")!.Verdict);
        Assert.Null(store.Latest("merge"));
    }

    [Fact]
    public void List_of_a_fresh_workspace_is_empty() => Assert.Empty(new RunSummaryStore(_workspace).List());

    [Fact]
    public void List_names_a_corrupt_summary_file()
    {
        var store = new RunSummaryStore(_workspace);
        Directory.CreateDirectory(store.Folder);
        var bad = Path.Combine(store.Folder, "broken.json");
        File.WriteAllText(bad, "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => store.List());
        Assert.StartsWith(bad, error.Message, StringComparison.Ordinal);
    }
}
