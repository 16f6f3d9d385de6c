using Understudy.Core.Datasets;
using Understudy.Pipelines.Merge;
using Understudy.Pipelines.Tests.Fakes;

namespace Understudy.Pipelines.Tests.Merge;

public sealed class MergePipelineTests
{
    private static MergeConfig Config() => new() { FirstDsId = "coverage", SecondDsId = "synth", ResultDsId = "merged" };

    private static SynthRow Synth(string prompt, string answer) => new()
    {
        Prompt = prompt,
        PromptId = RowId.FromContent(prompt, answer),
        Messages = [new("user", prompt), new("assistant", answer)],
        Category = "",
        Generators = ["teacher"],
        PromptIds = ["seed"],
    };

    private static async Task<InMemoryDatasetStore> Store()
    {
        var store = new InMemoryDatasetStore();
        var coverage = Rows.CoverageSet(6);
        await Rows.SeedAsync(store, "coverage", "train", coverage.Take(4));
        await Rows.SeedAsync(store, "coverage", "test", coverage.Skip(4));
        await Rows.SeedAsync(store, "synth", "train", [Synth("new one", "a"), Synth("new two", "b"), Synth(coverage[5].Prompt.ToUpperInvariant(), "leak")]);
        return store;
    }

    [Fact]
    public async Task RunAsync_normalises_synth_rows_to_the_coverage_schema_and_drops_train_rows_that_leak_test_prompts()
    {
        var store = await Store();

        var result = await new MergePipeline(store).RunAsync(Config(), TestContext.Current.CancellationToken);

        var train = store.Rows<CoverageRow>("merged", "train");
        Assert.Equal(6, train.Count);
        Assert.Equal(2, store.Rows<CoverageRow>("merged", "test").Count);
        Assert.Equal(1, result.DecontaminatedRows);
        CoverageRow synthetic = train.Single(r => r.Prompt == "new one");
        Assert.Equal(("unknown", 2), (synthetic.Category, synthetic.Messages.Count));
    }

    [Fact]
    public async Task RunAsync_run_twice_never_duplicates_rows()
    {
        var store = await Store();
        var pipeline = new MergePipeline(store);

        await pipeline.RunAsync(Config(), TestContext.Current.CancellationToken);
        var second = await pipeline.RunAsync(Config(), TestContext.Current.CancellationToken);

        Assert.Equal(6, store.Rows<CoverageRow>("merged", "train").Count);
        Assert.Equal(2, store.Rows<CoverageRow>("merged", "test").Count);
        Assert.Equal((0, 0), (second.AddedTrainRows, second.AddedTestRows));
    }

    [Fact]
    public async Task RunAsync_train_append_keeps_earlier_result_rows_and_append_false_replaces_them()
    {
        var store = await Store();
        await Rows.SeedAsync(store, "merged", "train", [Rows.Coverage("from an earlier loop", "x")]);
        var config = Config();

        await new MergePipeline(store).RunAsync(config, TestContext.Current.CancellationToken);
        Assert.Equal(7, store.Rows<CoverageRow>("merged", "train").Count);

        config.ResultDsTrainAppend = false;
        await new MergePipeline(store).RunAsync(config, TestContext.Current.CancellationToken);
        Assert.Equal(6, store.Rows<CoverageRow>("merged", "train").Count);
    }

    [Fact]
    public async Task RunAsync_reports_rows_that_cannot_be_training_rows()
    {
        var store = await Store();
        await Rows.SeedAsync(store, "synth", "train", [new SynthRow { PromptId = "bad", Messages = [new("user", "question only")], Generators = ["t"] }]);

        var result = await new MergePipeline(store).RunAsync(Config(), TestContext.Current.CancellationToken);

        Assert.Equal(1, result.SkippedRows);
        Assert.Contains("synth:train row 0 (prompt_id 'bad') has no assistant turn", result.SkipReasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_names_the_missing_input_split()
    {
        var store = await Store();
        var config = Config();
        config.SecondDsTrainSplit = "train_sft";

        var error = await Assert.ThrowsAsync<DatasetNotFoundException>(() => new MergePipeline(store).RunAsync(config, TestContext.Current.CancellationToken));

        Assert.Contains("train_sft", error.Message, StringComparison.Ordinal);
    }
}
