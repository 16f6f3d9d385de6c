namespace Understudy.ServiceSimulator.Requests;

/// <summary>
/// Recognises a judge prompt (an instruction, a reference answer and a candidate answer to compare) in either of
/// two layouts:
/// <list type="number">
/// <item>tagged (the bundled <c>prompts.toml</c>): <c>&lt;instruction&gt;…&lt;/instruction&gt;</c>, then
/// <c>&lt;human_response&gt;</c> (or <c>&lt;reference_response&gt;</c>), then <c>&lt;lm_response&gt;</c> (or
/// <c>&lt;candidate_response&gt;</c>), each closed by its end tag;</item>
/// <item>LlamaDuo's published template: the headings <c>Instruction:</c>, <c>Human Response:</c> and
/// <c>Language Model Response:</c>, each followed by a fenced block; the candidate block ends at the last
/// <c>```</c> of the prompt (or, unfenced, at the first blank line).</item>
/// </list>
/// </summary>
public static class JudgePromptParser
{
    private static readonly string[] InstructionTags = ["<instruction>"];
    private static readonly string[] ReferenceTags = ["<human_response>", "<reference_response>"];
    private static readonly string[] CandidateTags = ["<lm_response>", "<candidate_response>"];

    /// <summary>True when <paramref name="prompt"/> is a judge prompt; <paramref name="sections"/> then holds its parts.</summary>
    public static bool TryParse(string prompt, out JudgeSections? sections)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        sections = TryParseTagged(prompt) ?? TryParseHeadings(prompt);
        return sections is not null;
    }

    private static JudgeSections? TryParseTagged(string prompt)
    {
        var instruction = PromptSections.FindAny(prompt, InstructionTags);
        var reference = PromptSections.FindAny(prompt, ReferenceTags, Math.Max(instruction.Index, 0));
        var candidate = PromptSections.FindAny(prompt, CandidateTags, Math.Max(reference.Index, 0));
        if (instruction.Index < 0 || reference.Index < 0 || candidate.Index < 0)
        {
            return null;
        }
        return new JudgeSections(
            TagContent(prompt, instruction, "</instruction>", reference.Index),
            TagContent(prompt, reference, CloseTagOf(prompt, reference), candidate.Index),
            TagContent(prompt, candidate, CloseTagOf(prompt, candidate), prompt.Length));
    }

    private static string CloseTagOf(string prompt, (int Index, int Length) open) =>
        "</" + prompt.Substring(open.Index + 1, open.Length - 1);

    /// <summary>The text after the open tag up to the last close tag before <paramref name="limit"/> (or up to the limit).</summary>
    private static string TagContent(string prompt, (int Index, int Length) open, string closeTag, int limit)
    {
        int start = open.Index + open.Length;
        int close = prompt.LastIndexOf(closeTag, limit - 1, limit - start, StringComparison.OrdinalIgnoreCase);
        return PromptSections.Unfence(prompt[start..(close < 0 ? limit : close)]);
    }

    private static JudgeSections? TryParseHeadings(string prompt)
    {
        int instruction = PromptSections.Find(prompt, "Instruction:");
        int reference = PromptSections.Find(prompt, "Human Response:", Math.Max(instruction, 0));
        int candidate = PromptSections.Find(prompt, "Language Model Response:", Math.Max(reference, 0));
        if (instruction < 0 || reference < 0 || candidate < 0)
        {
            return null;
        }
        int candidateStart = candidate + "Language Model Response:".Length;
        string candidateText;
        if (prompt.AsSpan(candidateStart).TrimStart().StartsWith("```", StringComparison.Ordinal))
        {
            int lastFence = prompt.LastIndexOf("```", StringComparison.Ordinal);
            candidateText = PromptSections.DropOpeningFence(prompt[candidateStart..lastFence]);
        }
        else
        {
            string rest = prompt[candidateStart..].TrimStart();
            int blank = rest.IndexOf("\n\n", StringComparison.Ordinal);
            candidateText = (blank < 0 ? rest : rest[..blank]).Trim();
        }
        return new JudgeSections(
            PromptSections.Unfence(prompt[(instruction + "Instruction:".Length)..reference]),
            PromptSections.Unfence(prompt[(reference + "Human Response:".Length)..candidate]),
            candidateText);
    }
}
