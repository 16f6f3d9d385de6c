using System.Text.RegularExpressions;
using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Merge;

/// <summary>
/// Brings coverage and synthetic rows to one schema (<see cref="CoverageRow"/>): prompt = the first user turn
/// when missing, prompt_id kept (or the content hash when missing), category "unknown" when missing (as LlamaDuo).
/// </summary>
public static partial class CoverageRowNormaliser
{
    /// <summary>The problem of a row with no (non-blank) assistant turn: a question without an answer.</summary>
    public const string NoAssistantTurn = "has no assistant turn";

    /// <summary>The normalised row, or the reason it cannot be a training row.</summary>
    public static (CoverageRow? Row, string? Problem) Normalise(string prompt, string promptId, List<ChatTurn>? messages, string category)
    {
        List<ChatTurn> turns = [.. (messages ?? []).Select(t => new ChatTurn(t.Role.Trim().ToLowerInvariant(), t.Content))];
        ChatTurn? user = turns.FirstOrDefault(t => t.Role == "user" && !string.IsNullOrWhiteSpace(t.Content));
        if (user is null)
        {
            return (null, "has no user turn");
        }
        if (!turns.Any(t => t.Role == "assistant" && !string.IsNullOrWhiteSpace(t.Content)))
        {
            return (null, NoAssistantTurn);
        }
        return (new CoverageRow
        {
            Prompt = string.IsNullOrWhiteSpace(prompt) ? user.Content : prompt,
            PromptId = string.IsNullOrWhiteSpace(promptId) ? RowId.FromMessages(turns) : promptId,
            Messages = turns,
            Category = string.IsNullOrWhiteSpace(category) ? "unknown" : category,
        }, null);
    }

    /// <summary>Rows with the same chat content have the same key, whatever their ids.</summary>
    public static string ContentKey(CoverageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return RowId.FromMessages(row.Messages);
    }

    /// <summary>Case- and whitespace-insensitive key of a row's prompt, for decontamination.</summary>
    public static string PromptKey(CoverageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Whitespace().Replace(row.Prompt.Trim().ToLowerInvariant(), " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
