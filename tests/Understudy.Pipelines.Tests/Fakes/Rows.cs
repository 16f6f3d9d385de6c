using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Tests.Fakes;

/// <summary>Small row builders for pipeline tests.</summary>
public static class Rows
{
    public static CoverageRow Coverage(string prompt, string answer, string category = "triage")
    {
        List<ChatTurn> messages = [new("user", prompt), new("assistant", answer)];
        return new CoverageRow { Prompt = prompt, PromptId = RowId.FromMessages(messages), Messages = messages, Category = category };
    }

    public static List<CoverageRow> CoverageSet(int count, string prefix = "ticket") =>
        [.. Enumerable.Range(0, count).Select(i => Coverage($"{prefix} {i}: printer on floor {i} is broken", $"{{\"team\": \"it\", \"n\": {i}}}"))];

    public static InferenceRow Inference(string promptId, int repeat, string candidate, string model = "student", string sha = "v1") => new()
    {
        PromptId = promptId,
        RepeatIndex = repeat,
        Instructions = $"instruction of {promptId}",
        TargetResponses = $"reference of {promptId}",
        CandidateResponses = candidate,
        ModelId = model,
        ModelSha = sha,
        Category = "triage",
    };

    public static async Task SeedAsync<T>(InMemoryDatasetStore store, string id, string split, IEnumerable<T> rows)
        where T : class, new() =>
        await store.WriteAsync(id, split, rows, DatasetProvenance.Manual("test"));
}
