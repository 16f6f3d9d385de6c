using Understudy.Core.Datasets;

namespace Understudy.Core.Tests.Datasets;

/// <summary>Small rows of every type, with the awkward values (nulls, unicode, nested turns) the store must keep.</summary>
internal static class SampleRows
{
    public static CoverageRow Coverage(int index, string category = "qa")
    {
        List<ChatTurn> messages =
        [
            new("system", "Be brief."),
            new("user", $"Question {index}: what is 2+{index}? ünïcödé ✓"),
            new("assistant", $"{2 + index}\nwith a second line"),
        ];
        return new CoverageRow
        {
            PromptId = RowId.FromMessages(messages),
            Prompt = messages[1].Content,
            Messages = messages,
            Category = category,
        };
    }

    public static InferenceRow Inference(int index) => new()
    {
        PromptId = $"p{index}",
        RepeatIndex = index % 3,
        Instructions = $"instruction {index}",
        TargetResponses = "target",
        CandidateResponses = $"candidate {index}",
        ModelId = "tiny-llama",
        ModelSha = "abc123",
        GenerationConfig = """{"temperature":0.7}""",
        Category = "math",
    };

    public static EvaluationRow Evaluation(int index) => new()
    {
        PromptId = $"p{index}",
        RepeatIndex = 1,
        Instructions = "instruction",
        TargetResponses = "target",
        CandidateResponses = "candidate",
        ModelId = "tiny-llama",
        ModelSha = "abc123",
        Category = "math",
        EvalPrompts = ["judge prompt a", "judge prompt b"],
        SimilarityScores = [90, null],
        PrecisionScores = [null, 75],
        Evaluators = ["gpt-4o", "gpt-4o"],
        Dates = ["2026-01-01", "2026-01-02"],
        JudgeReasons = ["close", ""],
        JudgeRawTexts = ["{\"similarity\": 90}", "garbage"],
        ParseStatuses = ["ok", "failed: no JSON object in the reply"],
        LatenciesMs = [1200, 800],
        InputTokens = [100, 101],
        OutputTokens = [20, 0],
    };

    public static SynthRow Synth(int index) => new()
    {
        PromptId = $"s{index}",
        Prompt = "synthetic question",
        Messages = [new("user", "synthetic question"), new("assistant", "synthetic answer")],
        Category = "math",
        Generators = ["claude"],
        PromptIds = ["p1", "p2"],
        PromptTemplateHash = "hash",
    };
}
