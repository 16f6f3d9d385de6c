using System.Text.Json;
using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Requests;

/// <summary>
/// Judges a candidate triage like an LLM judge would, but by computation: similarity is graded against the
/// reference answer shown in the prompt, precision against the truth computed from the ticket in the instruction
/// (<see cref="TriageGrader"/>). The verdict's layout follows the request: the property names of a
/// <c>json_schema</c> response format first, then the key names the prompt text asks for, LlamaDuo's by default.
/// </summary>
public static class JudgeResponder
{
    /// <summary>The verdict JSON for one judge request.</summary>
    public static string Judge(JudgeSections sections, string prompt, ResponseFormat responseFormat)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(responseFormat);
        if (!TriagePrompt.TryExtractTicket(sections.Instruction, out string ticket))
        {
            throw SimulatorException.BadRequest("unsupported_judge_task",
                "This judge prompt's instruction holds no <ticket>…</ticket>: the ticket-triage simulator can only judge "
                + "answers to ticket-triage prompts.", "messages");
        }
        TriageRecord truth = Compute(ticket);
        TriageGrade precision = TriageGrader.GradePrecision(sections.Candidate, truth);
        TriageGrade similarity = TriageRecord.TryParse(sections.Reference, out TriageRecord? reference, out string problem)
            ? TriageGrader.GradeSimilarity(sections.Candidate, reference!)
            : Annotate(TriageGrader.GradeSimilarity(sections.Candidate, truth),
                $"The reference answer is not a complete triage record ({problem}); similarity is measured against the computed triage instead. ");
        return Write(ChooseShape(prompt, responseFormat), similarity, precision);
    }

    /// <summary>The layout asked for: by a json_schema's property names, else by the prompt's wording, else Nested.</summary>
    public static JudgeOutputShape ChooseShape(string prompt, ResponseFormat responseFormat)
    {
        if (responseFormat.PropertyNames.Contains("similarity_assessment"))
        {
            return JudgeOutputShape.Nested;
        }
        if (responseFormat.PropertyNames.Contains("similarity_score"))
        {
            return JudgeOutputShape.Flat;
        }
        bool asksNested = prompt.Contains("similarity_assessment", StringComparison.Ordinal);
        bool asksFlat = prompt.Contains("similarity_score", StringComparison.Ordinal);
        return asksFlat && !asksNested ? JudgeOutputShape.Flat : JudgeOutputShape.Nested;
    }

    private static TriageRecord Compute(string ticket)
    {
        try
        {
            return TriageExtractor.Triage(ticket);
        }
        catch (TicketNotRecognizedException exception)
        {
            throw SimulatorException.BadRequest("ticket_not_recognized", "Cannot judge: " + exception.Message, "messages");
        }
    }

    private static TriageGrade Annotate(TriageGrade grade, string note) => grade with { Reason = note + grade.Reason };

    private static string Write(JudgeOutputShape shape, TriageGrade similarity, TriageGrade precision)
    {
        return SimulatorJson.Write(writer =>
        {
            writer.WriteStartObject();
            if (shape == JudgeOutputShape.Nested)
            {
                WriteAssessment(writer, "similarity_assessment", similarity);
                WriteAssessment(writer, "precision_assessment", precision);
            }
            else
            {
                writer.WriteNumber("similarity_score", similarity.Score);
                writer.WriteString("similarity_reason", similarity.Reason);
                writer.WriteNumber("precision_score", precision.Score);
                writer.WriteString("precision_reason", precision.Reason);
            }
            writer.WriteEndObject();
        });
    }

    private static void WriteAssessment(Utf8JsonWriter writer, string name, TriageGrade grade)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("score", grade.Score);
        writer.WriteString("reason", grade.Reason);
        writer.WriteEndObject();
    }
}
