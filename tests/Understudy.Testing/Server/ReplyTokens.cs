namespace Understudy.Testing;

/// <summary>The token counts a scripted reply reports: the scripted ones, or about one token per 4 characters.</summary>
internal static class ReplyTokens
{
    public static int Prompt(ChatRequest request, ScriptedReply reply) =>
        reply.PromptTokens ?? Estimate(request.Messages.Sum(m => m.Text.Length));

    public static int Completion(ScriptedReply reply) => reply.CompletionTokens ?? Estimate(reply.Content.Length);

    /// <summary>The content cut into a few pieces, as a streaming server sends it.</summary>
    public static IEnumerable<string> Chunks(string content, int size = 8)
    {
        for (var start = 0; start < content.Length; start += size)
        {
            yield return content.Substring(start, Math.Min(size, content.Length - start));
        }
    }

    private static int Estimate(int characters) => Math.Max(1, (characters + 3) / 4);
}
