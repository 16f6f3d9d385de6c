using Understudy.ServiceSimulator.Requests;
using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Tests.Requests;

public sealed class JudgePromptParserTests
{
    private const string Instruction = "Triage this.\n\n<ticket>\nMy package has not arrived yet.\n</ticket>";
    private const string Reference = """{"category":"shipping"}""";

    [Fact]
    public void TryParse_reads_the_tagged_layout()
    {
        string prompt = $"Compare.\n<instruction>\n{Instruction}\n</instruction>\n<human_response>\n{Reference}\n</human_response>\n<lm_response>\n```json\n{{\"a\": 1}}\n```\n</lm_response>\nAnswer in JSON.";

        Assert.True(JudgePromptParser.TryParse(prompt, out JudgeSections? sections));

        Assert.Equal(new JudgeSections(Instruction, Reference, "{\"a\": 1}"), sections);
    }

    [Fact]
    public void TryParse_reads_LlamaDuos_heading_layout_with_fenced_blocks()
    {
        string prompt = "Given an instruction and two responses, compare them.\n\nInstruction:\n```\n" + Instruction
            + "\n```\n\nHuman Response:\n```\n" + Reference
            + "\n```\n\nLanguage Model Response:\n```\n```json\n{\"category\":\"bug\"}\n```\n```\n\nProvide the assessment as {\"similarity_assessment\": {}}.";

        Assert.True(JudgePromptParser.TryParse(prompt, out JudgeSections? sections));

        Assert.Equal(Instruction, sections!.Instruction);
        Assert.Equal(Reference, sections.Reference);
        Assert.Equal("```json\n{\"category\":\"bug\"}\n```", sections.Candidate);
    }

    [Fact]
    public void TryParse_ends_an_unfenced_candidate_at_the_first_blank_line()
    {
        string prompt = $"Instruction: {Instruction}\nHuman Response: {Reference}\nLanguage Model Response: {{\"category\":\"bug\"}}\n\nRate it as {{\"similarity_assessment\": {{}}}}.";

        Assert.True(JudgePromptParser.TryParse(prompt, out JudgeSections? sections));

        Assert.Equal("{\"category\":\"bug\"}", sections!.Candidate);
    }

    [Theory]
    [InlineData("Triage the ticket. <ticket>My package is late.</ticket>")]
    [InlineData("<instruction>x</instruction><human_response>y</human_response>")]
    public void TryParse_is_false_without_all_three_sections(string prompt)
    {
        Assert.False(JudgePromptParser.TryParse(prompt, out _));
    }

    [Fact]
    public void Judge_measures_similarity_against_the_truth_when_the_reference_is_not_a_record_and_says_so()
    {
        var ticket = new TicketGenerator(seed: 1).Next();
        var sections = new JudgeSections(TriagePrompt.Build(ticket.Text), "not json", ticket.Truth.ToJson());

        string verdict = JudgeResponder.Judge(sections, "similarity_score", ResponseFormat.Text);

        Assert.Contains("\"similarity_score\":100", verdict, StringComparison.Ordinal);
        Assert.Contains("reference answer is not a complete triage record", verdict, StringComparison.Ordinal);
    }
}
