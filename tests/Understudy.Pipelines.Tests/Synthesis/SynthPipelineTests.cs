using System.Text.Json;
using Understudy.Core.Datasets;
using Understudy.Core.Prompts;
using Understudy.Pipelines.Common;
using Understudy.Pipelines.Synthesis;
using Understudy.Pipelines.Tests.Fakes;

namespace Understudy.Pipelines.Tests.Synthesis;

public sealed class SynthPipelineTests
{
    private const string Template = "Example: $instruction => $response. Write $num_pairs more about $topic as JSON.";

    private static readonly PromptTemplate Prompt = new("synth_data_gen", Template);

    private static SynthConfig Config(int samples = 7, int perCall = 3) => new()
    {
        ServiceModelName = "teacher",
        ReferenceDsId = "coverage",
        NumSamples = samples,
        PairsPerCall = perCall,
        GenWorkers = 2,
        Topic = "ticket triage",
        SynthDsId = "synth",
    };

    private static async Task<InMemoryDatasetStore> StoreWithSeeds(int count = 5)
    {
        var store = new InMemoryDatasetStore();
        await Rows.SeedAsync(store, "coverage", "train", Rows.CoverageSet(count));
        return store;
    }

    /// <summary>A generator that answers each call with <paramref name="perCall"/> pairs never seen before.</summary>
    private static Understudy.Testing.TestChatClient FreshPairs(int perCall = 3)
    {
        int counter = 0;
        return ChatClients.From(_ => JsonSerializer.Serialize(new
        {
            contents = Enumerable.Range(0, perCall).Select(_ =>
            {
                int n = Interlocked.Increment(ref counter);
                return new { instruction = $"new ticket {n}", response = $"answer {n}" };
            }),
        }));
    }

    [Fact]
    public async Task RunAsync_produces_exactly_num_samples_rows_with_provenance()
    {
        var store = await StoreWithSeeds();

        var result = await new SynthPipeline(store).RunAsync(Config(), FreshPairs(), Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var rows = store.Rows<SynthRow>("synth", "train");
        var seedIds = store.Rows<CoverageRow>("coverage", "train").Select(r => r.PromptId).ToHashSet();
        Assert.True(result.Completed);
        Assert.Equal(7, rows.Count);
        Assert.Equal(7, rows.Select(r => r.PromptId).Distinct().Count());
        Assert.All(rows, r =>
        {
            Assert.Equal(["teacher"], r.Generators);
            Assert.Contains(Assert.Single(r.PromptIds), seedIds);
            Assert.Equal(Prompt.Hash, r.PromptTemplateHash);
            Assert.Equal("ticket triage", r.Category);
            Assert.Equal(["user", "assistant"], r.Messages.Select(m => m.Role));
        });
        Assert.Equal(2, result.SurplusPairs);
        Assert.False(store.Has("synth", "train_staging_" + "x"));
    }

    [Fact]
    public async Task RunAsync_drops_pairs_that_repeat_a_seed_or_each_other()
    {
        var store = await StoreWithSeeds();
        int call = 0;
        var generator = ChatClients.From(_ => Interlocked.Increment(ref call) == 1
            ? """{"contents": [{"instruction": "Ticket 0:  PRINTER on floor 0 is broken", "response": "x"}, {"instruction": "dup", "response": "1"}, {"instruction": "DUP", "response": "2"}]}"""
            : $$$"""{"contents": [{"instruction": "fresh {{{call}}}", "response": "y"}]}""");
        var config = Config(samples: 3, perCall: 3);
        config.GenWorkers = 1;

        var result = await new SynthPipeline(store).RunAsync(config, generator, Prompt, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["dup", "fresh 2", "fresh 3"], store.Rows<SynthRow>("synth", "train").Select(r => r.Prompt));
        Assert.Equal(2, result.DuplicatePairs);
    }

    [Fact]
    public async Task RunAsync_ends_with_a_clear_message_when_the_call_budget_is_spent_and_a_rerun_continues()
    {
        var store = await StoreWithSeeds();
        var config = Config(samples: 4, perCall: 2);
        config.MaxCalls = 3;
        var broken = ChatClients.From(_ => "I cannot do that.");

        var stopped = await new SynthPipeline(store).RunAsync(config, broken, Prompt, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(stopped.Completed);
        Assert.Contains("call budget spent (max_calls = 3)", stopped.StopReason, StringComparison.Ordinal);
        Assert.Equal((3, 3), (stopped.Calls, stopped.FailedCalls));
        Assert.Equal(3, store.Rows<FailureRow>("synth", "train_failures").Count);
        Assert.Contains("no JSON object", store.Rows<FailureRow>("synth", "train_failures")[0].Reason, StringComparison.Ordinal);
        Assert.False(store.Has("synth", "train"));

        var resumed = await new SynthPipeline(store).RunAsync(config, FreshPairs(2), Prompt, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(resumed.Completed);
        Assert.Equal(4, store.Rows<SynthRow>("synth", "train").Count);
        Assert.Equal([0L, 1, 2, 3, 4], store.Rows<SynthCallRow>("synth", "train_calls").Select(c => c.CallIndex));
    }

    [Fact]
    public async Task RunAsync_stops_when_the_cost_budget_is_spent()
    {
        var store = await StoreWithSeeds();
        var config = Config(samples: 30, perCall: 1);
        config.GenWorkers = 1;
        config.MaxCostUsd = 0.05;
        var generator = FreshPairs(1);

        var result = await new SynthPipeline(store).RunAsync(config, generator, Prompt,
            cancellationToken: TestContext.Current.CancellationToken, spentUsd: () => generator.CallCount * 0.02m);

        Assert.False(result.Completed);
        Assert.Equal(3, result.Calls);
        Assert.Contains("cost budget spent (max_cost_usd = 0.05", result.StopReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_cancelled_midway_then_rerun_ends_with_exactly_num_samples_rows()
    {
        var store = await StoreWithSeeds();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var fresh = FreshPairs(3);
        int calls = 0;
        var generator = new Understudy.Testing.TestChatClient
        {
            GetResponseAsyncCallback = async (messages, options, ct) =>
            {
                if (Interlocked.Increment(ref calls) == 5)
                {
                    await cancel.CancelAsync();
                    ct.ThrowIfCancellationRequested();
                }
                return await fresh.GetResponseAsync(messages, options, ct);
            },
        };
        var config = Config(samples: 20, perCall: 3);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SynthPipeline(store).RunAsync(config, generator, Prompt, cancellationToken: cancel.Token));
        Assert.False(store.Has("synth", "train"));
        var result = await new SynthPipeline(store).RunAsync(config, generator, Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var rows = store.Rows<SynthRow>("synth", "train");
        Assert.True(result.Completed);
        Assert.Equal(20, rows.Count);
        Assert.Equal(20, rows.Select(r => r.Prompt).Distinct().Count());
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 3)]
    public async Task RunAsync_appends_to_or_replaces_the_output_split_as_synth_ds_append_says(bool append, int expected)
    {
        var store = await StoreWithSeeds();
        var config = Config(samples: 3, perCall: 3);
        config.SynthDsAppend = append;
        var generator = FreshPairs();

        await new SynthPipeline(store).RunAsync(config, generator, Prompt, cancellationToken: TestContext.Current.CancellationToken);
        await new SynthPipeline(store).RunAsync(config, generator, Prompt, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(expected, store.Rows<SynthRow>("synth", "train").Count);
    }
}
