using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;
using Understudy.Core.Observability;
using Understudy.Core.Runs;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.BatchInference;

/// <summary>
/// batch-infer: draws <c>repeat</c> samples of the model under test for every prompt of a test split and writes
/// them to the response dataset batch by batch. A rerun skips (prompt, repeat, model) triples already written and
/// retries those recorded as failed; a pair whose generation fails after the client's retries is recorded in
/// <c>&lt;split&gt;_failures</c> with the reason, never dropped, and never stops the run.
/// </summary>
public sealed class BatchInferencePipeline(IDatasetStore store)
{
    public const string StageName = "batch-infer";

    private readonly IDatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Answers every test prompt with the model under test inside a <c>batch-infer</c> step span.</summary>
    public Task<BatchInferenceResult> RunAsync(
        BatchInferenceConfig config, ModelClient model, IProgress<StepProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        return StepTracing.TraceAsync(StageName,
            [new(UnderstudyAttributes.InputDataset, $"{config.TestDsId}:{config.TestDsSplit}"), new("gen_ai.request.model", model.ModelId)],
            () => RunStepAsync(config, model, progress, cancellationToken),
            (span, result) =>
            {
                span.SetTag(UnderstudyAttributes.OutputDataset, $"{result.OutputDatasetId}:{result.OutputSplit}");
                span.SetTag(UnderstudyAttributes.Rows, result.TotalPairs);
                span.SetTag(UnderstudyAttributes.FailedRows, result.FailedPairs);
                span.SetTag("gen_ai.usage.input_tokens", result.InputTokens);
                span.SetTag("gen_ai.usage.output_tokens", result.OutputTokens);
            });
    }

    private async Task<BatchInferenceResult> RunStepAsync(
        BatchInferenceConfig config, ModelClient model, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        var clock = Stopwatch.StartNew();
        string outputId = config.LmResponseDsId, split = config.LmResponseDsSplit, failuresSplit = OutputSplits.FailuresOf(split);

        List<TestPrompt> prompts = await ReadPromptsAsync(config, cancellationToken);
        string identity = IdentityHash.Of(StageName, config.TestDsId, config.TestDsSplit, model.ModelId, model.ModelSha,
            config.Repeat.ToString(CultureInfo.InvariantCulture), new GenerationSettings(config.Temperature, config.TopP, config.MaxNewTokens, config.Seed).ToJson());
        bool discarded = await OutputSplits.PrepareAsync(_store, outputId, split, config.LmResponseAppend, identity, cancellationToken);
        var provenance = new DatasetProvenance(StageName, identity, [$"{config.TestDsId}:{config.TestDsSplit}"]);

        var done = (await OutputSplits.ReadOrEmptyAsync<InferenceRow>(_store, outputId, split, cancellationToken))
            .Select(r => Key(r.PromptId, r.RepeatIndex, r.ModelId, r.ModelSha)).ToHashSet();
        var work = prompts
            .SelectMany(p => Enumerable.Range(0, config.Repeat).Select(repeat => (Prompt: p, Repeat: repeat)))
            .Where(w => !done.Contains(Key(w.Prompt.PromptId, w.Repeat, model.ModelId, model.ModelSha)))
            .ToList();
        int total = prompts.Count * config.Repeat, resumed = total - work.Count, generated = 0, failed = 0;
        var usage = new TokenUsage();
        progress?.Report(new StepProgress(resumed, total, 0, 0, 0));

        await IncrementalRunner.RunAsync(work, config.InferenceBs, config.InferenceBs,
            (item, ct) => GenerateAsync(config, model, item.Prompt, item.Repeat, usage, ct),
            async (results, ct) =>
            {
                var rows = results.Where(r => r.Row is not null).Select(r => r.Row!).ToList();
                var failures = results.Where(r => r.Failure is not null).Select(r => r.Failure!).ToList();
                if (rows.Count > 0)
                {
                    await _store.AppendAsync(outputId, split, rows, provenance, ct);
                }
                if (failures.Count > 0)
                {
                    await _store.AppendAsync(outputId, failuresSplit, failures, provenance, ct);
                }
                generated += rows.Count;
                failed += failures.Count;
                done.UnionWith(rows.Select(r => Key(r.PromptId, r.RepeatIndex, r.ModelId, r.ModelSha)));
                progress?.Report(new StepProgress(resumed + generated + failed, total, usage.InputTokens + usage.OutputTokens, 0, failed));
            },
            cancellationToken);

        await FailureLog.CompactAsync(_store, outputId, failuresSplit, f => done.Contains(Key(f.PromptId, f.RepeatIndex, f.ModelId, model.ModelSha)),
            provenance, cancellationToken);
        return new BatchInferenceResult(outputId, split, total, resumed, generated, failed,
            usage.InputTokens, usage.OutputTokens, clock.Elapsed, discarded);
    }

    private async Task<List<TestPrompt>> ReadPromptsAsync(BatchInferenceConfig config, CancellationToken cancellationToken)
    {
        var prompts = new List<TestPrompt>();
        var seen = new HashSet<string>();
        int index = 0;
        await foreach (CoverageRow row in _store.ReadAsync<CoverageRow>(config.TestDsId, config.TestDsSplit, cancellationToken))
        {
            TestPrompt prompt = TestPrompt.FromCoverageRow(row, index++, config.TestDsId, config.TestDsSplit);
            if (seen.Add(prompt.PromptId))
            {
                prompts.Add(prompt);
            }
        }
        return prompts;
    }

    private static async Task<GenerationResult> GenerateAsync(
        BatchInferenceConfig config, ModelClient model, TestPrompt prompt, int repeat, TokenUsage usage, CancellationToken cancellationToken)
    {
        var settings = GenerationSettings.For(config, prompt.PromptId, repeat);
        string reason;
        string raw = "";
        try
        {
            ChatResponse response = await model.Client.GetResponseAsync(prompt.Messages, settings.ToChatOptions(model.ModelId), cancellationToken);
            usage.Add(response.Usage);
            raw = response.Text;
            if (!string.IsNullOrWhiteSpace(raw))
            {
                return new GenerationResult(new InferenceRow
                {
                    PromptId = prompt.PromptId,
                    RepeatIndex = repeat,
                    Instructions = prompt.Instruction,
                    TargetResponses = prompt.Reference,
                    CandidateResponses = raw,
                    ModelId = model.ModelId,
                    ModelSha = model.ModelSha,
                    GenerationConfig = settings.ToJson(),
                    Category = prompt.Category,
                }, null);
            }
            reason = $"empty answer (finish reason: {response.FinishReason?.Value ?? "none"})";
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            reason = $"transport: {e.GetType().Name}: {e.Message}";
        }
        return new GenerationResult(null, new FailureRow
        {
            PromptId = prompt.PromptId,
            RepeatIndex = repeat,
            ModelId = model.ModelId,
            Reason = reason,
            RawText = raw,
            Attempts = 1 + config.MaxRetries,
            Date = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        });
    }

    private static string Key(string promptId, int repeat, string modelId, string modelSha) =>
        string.Join('\u001f', promptId, repeat.ToString(CultureInfo.InvariantCulture), modelId, modelSha);

    private sealed record GenerationResult(InferenceRow? Row, FailureRow? Failure);
}
