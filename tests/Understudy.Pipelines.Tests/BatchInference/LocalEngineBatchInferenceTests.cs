using Understudy.Core.Datasets;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Tests.EndToEnd;

namespace Understudy.Pipelines.Tests.BatchInference;

/// <summary>batch-infer on the built-in engine: the real stories260K checkpoint from UNDERSTUDY_TEST_MODELS.</summary>
public sealed class LocalEngineBatchInferenceTests
{
    private static string Stories260K()
    {
        string? models = Environment.GetEnvironmentVariable("UNDERSTUDY_TEST_MODELS");
        if (string.IsNullOrEmpty(models))
        {
            Assert.Skip("UNDERSTUDY_TEST_MODELS is not set; real-model tests are skipped.");
        }
        return Path.Combine(models, "stories260K-hf");
    }

    [Fact]
    public async Task A_local_model_folder_without_base_url_runs_in_process_and_a_rerun_resumes()
    {
        string model = Stories260K();
        using var workspace = new ParquetWorkspace();
        var prompts = Enumerable.Range(1, 3).Select(i => new CoverageRow
        {
            Prompt = $"Once upon a time there was a cat number {i}.",
            Messages = [new ChatTurn("user", $"Once upon a time there was a cat number {i}."), new ChatTurn("assistant", "The cat played.")],
            Category = "story",
        }).ToList();
        prompts.ForEach(p => p.PromptId = RowId.FromMessages(p.Messages));
        await workspace.Store.WriteAsync("stories", "test", prompts, DatasetProvenance.Manual("test"), TestContext.Current.CancellationToken);
        var config = new BatchInferenceConfig
        {
            FtModelId = model,
            TestDsId = "stories",
            LmResponseDsId = "answers",
            Repeat = 2,
            InferenceBs = 2,
            MaxNewTokens = 24,
        };
        var resolver = new LocalEngineModelClientResolver();
        Assert.True(resolver.CanResolve(config));

        ModelClient client = await resolver.ResolveAsync(config, TestContext.Current.CancellationToken);
        BatchInferenceResult first;
        using (client.Client)
        {
            first = await new BatchInferencePipeline(workspace.Store).RunAsync(config, client, cancellationToken: TestContext.Current.CancellationToken);
        }
        ModelClient again = await resolver.ResolveAsync(config, TestContext.Current.CancellationToken);
        BatchInferenceResult second;
        using (again.Client)
        {
            second = await new BatchInferencePipeline(workspace.Store).RunAsync(config, again, cancellationToken: TestContext.Current.CancellationToken);
        }

        Assert.Equal((6, 0), (first.GeneratedPairs, first.FailedPairs));
        Assert.Equal((0, 6), (second.GeneratedPairs, second.ResumedPairs));
        List<InferenceRow> rows = await workspace.RowsAsync<InferenceRow>("answers", config.LmResponseDsSplit);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.CandidateResponses)));
        Assert.All(rows, r => Assert.Equal(client.ModelSha, r.ModelSha));
        Assert.StartsWith("sha256:", client.ModelSha);
        Assert.True(first.OutputTokens > 0);
    }

    [Fact]
    public async Task The_fingerprint_changes_when_the_weights_change()
    {
        string model = Stories260K();
        string copy = Path.Combine(Path.GetTempPath(), "understudy-fingerprint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        try
        {
            foreach (string file in Directory.EnumerateFiles(model))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }
            string before = await LocalEngineModelClientResolver.FingerprintAsync(copy, TestContext.Current.CancellationToken);
            Assert.Equal(await LocalEngineModelClientResolver.FingerprintAsync(model, TestContext.Current.CancellationToken), before);

            await using (var stream = File.OpenWrite(Path.Combine(copy, "model.safetensors")))
            {
                stream.Seek(-1, SeekOrigin.End);
                stream.WriteByte(0x5a);
            }

            Assert.NotEqual(before, await LocalEngineModelClientResolver.FingerprintAsync(copy, TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void A_Hub_cache_snapshot_is_identified_by_its_commit_and_any_other_folder_by_nothing()
    {
        string commit = new('a', 20);
        commit += "0123456789abcdef0123";

        Assert.Equal(commit, LocalEngineModelClientResolver.SnapshotCommit(Path.Combine("hub", "models--o--m", "snapshots", commit)));
        Assert.Equal(commit, LocalEngineModelClientResolver.SnapshotCommit(Path.Combine("hub", "snapshots", commit) + Path.DirectorySeparatorChar));
        Assert.Null(LocalEngineModelClientResolver.SnapshotCommit(Path.Combine("models", "snapshots", "main")));
        Assert.Null(LocalEngineModelClientResolver.SnapshotCommit(Path.Combine("models", "checkpoints", commit)));
    }

    [Fact]
    public async Task A_folder_without_config_json_is_an_error_naming_the_key_to_fix()
    {
        string empty = Directory.CreateTempSubdirectory("understudy-empty-model-").FullName;
        try
        {
            var config = new BatchInferenceConfig { FtModelId = empty, TestDsId = "x" };
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new LocalEngineModelClientResolver().ResolveAsync(config));
            Assert.Contains("ft_model_id", error.Message);
            Assert.Contains("ft_model_base_url", error.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
