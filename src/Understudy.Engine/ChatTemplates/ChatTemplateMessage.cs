namespace Understudy.Engine.ChatTemplates;

/// <summary>
/// One turn as chat templates see it: <c>{"role": …, "content": …}</c> plus any extra keys
/// (<c>tool_calls</c>, <c>tool_call_id</c>, <c>reasoning_content</c>, content parts) in <see cref="Properties"/>.
/// </summary>
/// <param name="Role">system, user, assistant, tool, …</param>
/// <param name="Content">The text, or null where the template allows none (e.g. tool-call turns).</param>
/// <param name="Properties">Extra keys; values are strings, numbers, booleans, lists and dictionaries.</param>
public sealed record ChatTemplateMessage(string Role, string? Content, IReadOnlyDictionary<string, object?>? Properties = null)
{
    /// <summary>A system turn.</summary>
    public static ChatTemplateMessage System(string content) => new("system", content);

    /// <summary>A user turn.</summary>
    public static ChatTemplateMessage User(string content) => new("user", content);

    /// <summary>An assistant turn.</summary>
    public static ChatTemplateMessage Assistant(string content) => new("assistant", content);
}
