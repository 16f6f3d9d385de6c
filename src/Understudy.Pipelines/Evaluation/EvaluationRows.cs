using System.Globalization;
using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Evaluation;

/// <summary>Builds and inspects <see cref="EvaluationRow"/>s: one row per response, one list entry (slot) per judge repeat.</summary>
public static class EvaluationRows
{
    /// <summary>The key that identifies a response across batch-infer and evaluate.</summary>
    public static string Key(string promptId, int repeatIndex, string modelId, string modelSha) =>
        string.Join('\u001f', promptId, repeatIndex.ToString(CultureInfo.InvariantCulture), modelId, modelSha);

    public static string Key(InferenceRow row) => Key(row.PromptId, row.RepeatIndex, row.ModelId, row.ModelSha);

    public static string Key(EvaluationRow row) => Key(row.PromptId, row.RepeatIndex, row.ModelId, row.ModelSha);

    /// <summary>Judge-repeat slots of <paramref name="existing"/> that still need a judgement (missing, or failed when retrying).</summary>
    public static List<int> SlotsToJudge(EvaluationRow? existing, int evalRepeat, bool retryFailed)
    {
        var slots = new List<int>();
        for (int slot = 0; slot < evalRepeat; slot++)
        {
            bool missing = existing is null || slot >= existing.ParseStatuses.Count;
            bool failed = !missing && existing!.ParseStatuses[slot] != "ok";
            if (missing || (failed && retryFailed))
            {
                slots.Add(slot);
            }
        }
        return slots;
    }

    /// <summary>A row for <paramref name="response"/> holding the existing judgements with the new ones put in their slots.</summary>
    public static EvaluationRow Merge(InferenceRow response, EvaluationRow? existing, IReadOnlyDictionary<int, Judgement> judged)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(judged);
        var row = new EvaluationRow
        {
            PromptId = response.PromptId,
            RepeatIndex = response.RepeatIndex,
            Instructions = response.Instructions,
            TargetResponses = response.TargetResponses,
            CandidateResponses = response.CandidateResponses,
            ModelId = response.ModelId,
            ModelSha = response.ModelSha,
            Category = response.Category,
        };
        int slots = Math.Max(existing?.ParseStatuses.Count ?? 0, judged.Count == 0 ? 0 : judged.Keys.Max() + 1);
        for (int slot = 0; slot < slots; slot++)
        {
            if (judged.TryGetValue(slot, out Judgement? judgement))
            {
                Add(row, judgement);
            }
            else
            {
                Copy(row, existing!, slot);
            }
        }
        return row;
    }

    private static void Add(EvaluationRow row, Judgement judgement)
    {
        row.EvalPrompts.Add(judgement.EvalPrompt);
        row.SimilarityScores.Add(judgement.Verdict?.SimilarityScore);
        row.PrecisionScores.Add(judgement.Verdict?.PrecisionScore);
        row.Evaluators.Add(judgement.Evaluator);
        row.Dates.Add(judgement.DateText);
        row.JudgeReasons.Add(judgement.Verdict?.CombinedReason ?? "");
        row.JudgeRawTexts.Add(judgement.RawText);
        row.ParseStatuses.Add(judgement.Status);
        row.LatenciesMs.Add(judgement.LatencyMs);
        row.InputTokens.Add(judgement.InputTokens);
        row.OutputTokens.Add(judgement.OutputTokens);
    }

    private static void Copy(EvaluationRow row, EvaluationRow from, int slot)
    {
        row.EvalPrompts.Add(At(from.EvalPrompts, slot, ""));
        row.SimilarityScores.Add(At<int?>(from.SimilarityScores, slot, null));
        row.PrecisionScores.Add(At<int?>(from.PrecisionScores, slot, null));
        row.Evaluators.Add(At(from.Evaluators, slot, ""));
        row.Dates.Add(At(from.Dates, slot, ""));
        row.JudgeReasons.Add(At(from.JudgeReasons, slot, ""));
        row.JudgeRawTexts.Add(At(from.JudgeRawTexts, slot, ""));
        row.ParseStatuses.Add(At(from.ParseStatuses, slot, "failed: missing"));
        row.LatenciesMs.Add(At(from.LatenciesMs, slot, 0L));
        row.InputTokens.Add(At(from.InputTokens, slot, 0L));
        row.OutputTokens.Add(At(from.OutputTokens, slot, 0L));
    }

    private static T At<T>(List<T> list, int index, T fallback) => index < list.Count ? list[index] : fallback;
}
