using System.Text.Json;

namespace Understudy.Core.Datasets.Import;

/// <summary>
/// Builds a <see cref="CoverageRow"/> from an imported record: a chat (<c>messages</c>) or a (prompt, response)
/// pair. Returns the reason instead when the record cannot make a valid row, so the importer can stop or count it.
/// </summary>
internal static class CoverageRowBuilder
{
    public static (CoverageRow? Row, string? Problem) Build(SourceRecord record, ImportOptions options)
    {
        if (record.ReadError is not null)
        {
            return (null, record.ReadError);
        }
        IReadOnlyDictionary<string, object?> fields = record.Fields;
        string? messagesColumn = ColumnNames.Pick(fields, options.MessagesColumn, ColumnNames.Messages);
        var (messages, problem) = messagesColumn is not null
            ? ChatMessagesParser.Parse(fields[messagesColumn], messagesColumn)
            : FromPair(fields, options);
        if (messages is null)
        {
            return (null, problem);
        }
        string? categoryColumn = ColumnNames.Pick(fields, options.CategoryColumn, ColumnNames.Category);
        string category = (categoryColumn is null ? null : JsonValues.AsText(fields[categoryColumn])) ?? options.DefaultCategory;
        string prompt = messages.Last(turn => turn.Role == "user").Content;
        var row = new CoverageRow { PromptId = RowId.FromMessages(messages), Prompt = prompt, Messages = messages, Category = category.Trim() };
        return (row, null);
    }

    private static (List<ChatTurn>? Messages, string? Problem) FromPair(IReadOnlyDictionary<string, object?> fields, ImportOptions options)
    {
        string found = fields.Count == 0 ? "no columns" : "columns: " + string.Join(", ", fields.Keys);
        string? promptColumn = ColumnNames.Pick(fields, options.PromptColumn, ColumnNames.Prompt);
        if (promptColumn is null)
        {
            return (null, options.PromptColumn is null
                ? $"no prompt: expected a 'messages' list or one of the columns {string.Join(", ", ColumnNames.Prompt)} ({found}); name yours with --prompt-column"
                : $"the prompt column '{options.PromptColumn}' is missing ({found})");
        }
        string? responseColumn = ColumnNames.Pick(fields, options.ResponseColumn, ColumnNames.Response);
        if (responseColumn is null)
        {
            return (null, options.ResponseColumn is null
                ? $"no response: expected one of the columns {string.Join(", ", ColumnNames.Response)} ({found}); name yours with --response-column"
                : $"the response column '{options.ResponseColumn}' is missing ({found})");
        }
        string? prompt = JsonValues.AsText(fields[promptColumn]);
        string? response = JsonValues.AsText(fields[responseColumn]);
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return (null, $"the prompt ('{promptColumn}') is empty");
        }
        if (string.IsNullOrWhiteSpace(response))
        {
            return (null, $"the response ('{responseColumn}') is empty");
        }
        if (promptColumn == "instruction" && options.PromptColumn is null &&
            JsonValues.AsText(fields.GetValueOrDefault("input")) is { Length: > 0 } input && !string.IsNullOrWhiteSpace(input))
        {
            prompt = prompt + "\n\n" + input;
        }
        var messages = new List<ChatTurn>();
        if (JsonValues.AsText(fields.GetValueOrDefault(ColumnNames.System)) is { } system && !string.IsNullOrWhiteSpace(system))
        {
            messages.Add(new ChatTurn("system", system));
        }
        messages.Add(new ChatTurn("user", prompt));
        messages.Add(new ChatTurn("assistant", response));
        return (messages, null);
    }
}
