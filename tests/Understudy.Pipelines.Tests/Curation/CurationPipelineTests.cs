using Understudy.Core.Datasets;
using Understudy.Pipelines.Curation;
using Understudy.Pipelines.Tests.Fakes;

namespace Understudy.Pipelines.Tests.Curation;

public sealed class CurationPipelineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "understudy-curation-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private CurationConfig Config(string output = "curated") => new()
    {
        InputDsId = "synth",
        OutputDsId = output,
        TestDsIds = ["coverage"],
        ExpectJson = true,
        MinPromptLength = 10,
        ReportPath = Path.Combine(_folder, output + ".json"),
    };

    private static async Task<InMemoryDatasetStore> Store()
    {
        var store = new InMemoryDatasetStore();
        await Rows.SeedAsync(store, "synth", "train", CuratedRows.Train());
        await Rows.SeedAsync(store, "coverage", "test", CuratedRows.Test());
        return store;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_removes_each_crafted_row_by_its_rule_and_keeps_the_distinct_ones()
    {
        var store = await Store();

        CurationResult result = await new CurationPipeline(store).RunAsync(Config(), null, Token);

        var kept = store.Rows<CoverageRow>("curated", "train");
        Assert.Equal([CuratedRows.Wifi, CuratedRows.Printer, CuratedRows.VpnDistinct, "Teams calls drop after exactly ten minutes on the guest network"],
            kept.Select(r => r.Prompt));
        CurationReport report = result.Report;
        Assert.Equal((12, 4, 4), (report.InputRows, report.Kept, result.Kept));
        foreach (string rule in new[]
        {
            CurationRules.Malformed, CurationRules.EmptyAnswer, CurationRules.PromptLength, CurationRules.Refusal, CurationRules.InvalidJson,
            CurationRules.Decontamination, CurationRules.ExactDuplicate, CurationRules.NearDuplicate,
        })
        {
            Assert.True(1 == report.RemovedBy(rule), $"{rule} removed {report.RemovedBy(rule)} rows");
        }
        Assert.Equal([CurationRules.Malformed, CurationRules.EmptyAnswer, CurationRules.PromptLength, CurationRules.Refusal, CurationRules.InvalidJson,
            CurationRules.Decontamination, CurationRules.ExactDuplicate, CurationRules.NearDuplicate], report.Rules.Select(r => r.Rule));
    }

    [Fact]
    public async Task Report_examples_name_the_row_that_was_duplicated_or_contaminated()
    {
        var store = await Store();

        CurationReport report = (await new CurationPipeline(store).RunAsync(Config(), null, Token)).Report;

        CurationExample near = report.Rules.Single(r => r.Rule == CurationRules.NearDuplicate).Examples.Single();
        Assert.Equal((2, CuratedRows.WifiReworded, CuratedRows.Wifi), (near.RowIndex, near.Prompt, near.MatchedPrompt));
        Assert.InRange(near.Score!.Value, 0.7, 1.0);
        CurationExample exact = report.Rules.Single(r => r.Rule == CurationRules.ExactDuplicate).Examples.Single();
        Assert.Equal((1, CuratedRows.Wifi), (exact.RowIndex, exact.MatchedPrompt));
        CurationExample leak = report.Rules.Single(r => r.Rule == CurationRules.Decontamination).Examples.Single();
        Assert.Equal((CuratedRows.VpnLeak, CuratedRows.VpnTest), (leak.Prompt, leak.MatchedPrompt));
        Assert.Contains("n-gram overlap", leak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_is_saved_as_JSON_that_loads_back()
    {
        var store = await Store();

        CurationResult result = await new CurationPipeline(store).RunAsync(Config(), null, Token);

        CurationReport loaded = await CurationReportFile.LoadAsync(result.ReportPath, Token);
        Assert.Equal(result.Report.Kept, loaded.Kept);
        Assert.Equal(result.Report.Rules.Select(r => (r.Rule, r.Removed)), loaded.Rules.Select(r => (r.Rule, r.Removed)));
        Assert.Contains("\"near_duplicate\"", await File.ReadAllTextAsync(result.ReportPath, Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_switched_off_remove_nothing_and_are_not_reported()
    {
        var store = await Store();
        var config = Config();
        (config.NearDedup, config.ExactDedup, config.ExpectJson, config.DropRefusals, config.MinPromptLength) = (false, false, false, false, 0);
        config.TestDsIds = [];

        CurationResult result = await new CurationPipeline(store).RunAsync(config, null, Token);

        Assert.Equal([CurationRules.Malformed, CurationRules.EmptyAnswer], result.Report.Rules.Select(r => r.Rule));
        Assert.Equal(10, result.Kept);
    }

    [Fact]
    public async Task Near_duplicates_need_ROUGE_L_confirmation_of_the_LSH_candidate()
    {
        var store = await Store();
        var config = Config();
        config.RougeLThreshold = 0.99;

        CurationResult result = await new CurationPipeline(store).RunAsync(config, null, Token);

        Assert.Equal(0, result.Report.RemovedBy(CurationRules.NearDuplicate));
        Assert.Contains(CuratedRows.WifiReworded, store.Rows<CoverageRow>("curated", "train").Select(r => r.Prompt));
    }

    [Fact]
    public async Task RunAsync_is_deterministic_and_keeps_the_first_of_duplicates()
    {
        var store = await Store();
        await Rows.SeedAsync(store, "reversed", "train", CuratedRows.Train().Take(3).Reverse());

        var first = await new CurationPipeline(store).RunAsync(Config("one"), null, Token);
        var second = await new CurationPipeline(store).RunAsync(Config("two"), null, Token);
        var reversed = Config("three");
        reversed.InputDsId = "reversed";
        await new CurationPipeline(store).RunAsync(reversed, null, Token);

        Assert.Equal(store.Rows<CoverageRow>("one", "train").Select(r => r.PromptId), store.Rows<CoverageRow>("two", "train").Select(r => r.PromptId));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first.Report.Rules), System.Text.Json.JsonSerializer.Serialize(second.Report.Rules));
        Assert.Equal([CuratedRows.WifiReworded], store.Rows<CoverageRow>("three", "train").Select(r => r.Prompt));
        Assert.Equal(second.Kept, first.Kept);
    }

    [Fact]
    public async Task RunAsync_resumes_after_a_crash_without_writing_rows_twice()
    {
        var store = await Store();
        store.FailAppendAfter = 2;
        await Assert.ThrowsAsync<IOException>(() => new CurationPipeline(store, batchSize: 2).RunAsync(Config(), null, Token));
        Assert.Equal(2, store.Rows<CoverageRow>("curated", "train").Count);

        store.FailAppendAfter = null;
        CurationResult resumed = await new CurationPipeline(store, batchSize: 2).RunAsync(Config(), null, Token);

        Assert.Equal((4, 2), (resumed.Kept, resumed.ResumedRows));
        Assert.Equal(4, store.Rows<CoverageRow>("curated", "train").Select(r => r.PromptId).Distinct().Count());
        Assert.Equal(4, store.Rows<CoverageRow>("curated", "train").Count);
    }

    [Fact]
    public async Task RunAsync_rewrites_output_left_by_a_run_with_another_config()
    {
        var store = await Store();
        await new CurationPipeline(store).RunAsync(Config(), null, Token);
        var looser = Config();
        looser.NearDedup = false;

        CurationResult result = await new CurationPipeline(store).RunAsync(looser, null, Token);

        Assert.Equal((5, 0), (result.Kept, result.ResumedRows));
        Assert.Equal(5, store.Rows<CoverageRow>("curated", "train").Count);
    }

    [Fact]
    public async Task RunAsync_names_the_missing_input_dataset()
    {
        var store = await Store();
        var config = Config();
        config.InputDsId = "nope";

        await Assert.ThrowsAsync<DatasetNotFoundException>(() => new CurationPipeline(store).RunAsync(config, null, Token));
    }
}
