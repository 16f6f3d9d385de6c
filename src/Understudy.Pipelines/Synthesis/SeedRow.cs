using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Synthesis;

/// <summary>A reference row usable as a seed: its id, first user instruction and final assistant response.</summary>
public sealed record SeedRow(string PromptId, string Instruction, string Response, string Category)
{
    /// <summary>The seed of a coverage row, or null when it lacks a user instruction or an assistant response.</summary>
    public static SeedRow? From(CoverageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        List<ChatTurn> turns = row.Messages ?? [];
        string instruction = turns.FirstOrDefault(t => t.Role == "user")?.Content ?? row.Prompt;
        string? response = turns.LastOrDefault(t => t.Role == "assistant")?.Content;
        if (string.IsNullOrWhiteSpace(instruction) || string.IsNullOrWhiteSpace(response))
        {
            return null;
        }
        string id = string.IsNullOrWhiteSpace(row.PromptId) ? RowId.FromMessages(turns) : row.PromptId;
        return new SeedRow(id, instruction, response, row.Category ?? "");
    }
}
