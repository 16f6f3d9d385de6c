using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;

namespace Understudy.Pipelines.BatchInference;

/// <summary>
/// A test row made ready for the model: the chat up to (not including) the reference answer, exactly as the
/// model saw such chats in training, and the reference answer itself.
/// </summary>
public sealed record TestPrompt(string PromptId, string Instruction, IReadOnlyList<ChatMessage> Messages, string Reference, string Category)
{
    /// <summary>Builds the prompt of a coverage row; a row with no user turn and no prompt text gets an error.</summary>
    public static TestPrompt FromCoverageRow(CoverageRow row, int rowIndex, string datasetId, string split)
    {
        ArgumentNullException.ThrowIfNull(row);
        List<ChatTurn> turns = row.Messages ?? [];
        int lastAssistant = turns.FindLastIndex(t => t.Role == "assistant");
        List<ChatTurn> promptTurns = lastAssistant >= 0 ? turns[..lastAssistant] : turns;
        string reference = lastAssistant >= 0 ? turns[lastAssistant].Content : "";
        if (!promptTurns.Any(t => t.Role == "user"))
        {
            if (string.IsNullOrWhiteSpace(row.Prompt))
            {
                throw new InvalidDataException(
                    $"Row {rowIndex} (prompt_id '{row.PromptId}') of {datasetId}:{split} has neither a user message nor a prompt; " +
                    "fix or remove it (messages must hold at least one turn with role 'user').");
            }
            promptTurns = [.. promptTurns, new ChatTurn("user", row.Prompt)];
        }
        string instruction = string.IsNullOrWhiteSpace(row.Prompt) ? promptTurns.Last(t => t.Role == "user").Content : row.Prompt;
        string promptId = string.IsNullOrWhiteSpace(row.PromptId) ? RowId.FromMessages(turns) : row.PromptId;
        var messages = promptTurns.Select(t => new ChatMessage(new ChatRole(t.Role), t.Content)).ToList();
        return new TestPrompt(promptId, instruction, messages, reference, row.Category ?? "");
    }
}
