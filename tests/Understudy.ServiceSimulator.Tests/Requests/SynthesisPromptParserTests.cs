using System.Text.Json;
using Understudy.ServiceSimulator.Requests;
using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Tests.Requests;

public sealed class SynthesisPromptParserTests
{
    private static readonly GeneratedTicket Seed = new TicketGenerator(seed: 12).Next(TicketCategory.Bug);

    [Fact]
    public void TryParse_reads_LlamaDuos_layout_with_its_defaults()
    {
        string prompt = "Generate a series of (instruction, response) pairs similar to the example below.\n\nExample pair:\n\nInstruction: "
            + TriagePrompt.Build(Seed.Text) + "\nResponse: " + Seed.Truth.ToJson()
            + "\n\nStore them as {\"contents\": [{\"instruction\": \"text\", \"response\": \"text\"}, ...]}";

        Assert.True(SynthesisPromptParser.TryParse(prompt, ResponseFormat.Text, out SynthesisSpec? spec));

        Assert.Equal(SynthesisPromptParser.DefaultCount, spec!.Count);
        Assert.Equal(("contents", "instruction", "response"), (spec.ContainerKey, spec.PromptKey, spec.ResponseKey));
        Assert.Equal([(TriagePrompt.Build(Seed.Text), TicketCategory.Bug)], spec.Seeds);
    }

    [Fact]
    public void TryParse_takes_the_count_and_the_names_from_the_prompt_example()
    {
        string prompt = $"Please generate 7 more pairs like <example>{TriagePrompt.Build(Seed.Text)}</example>. Reply as {{\"items\": [{{\"prompt\": \"...\", \"answer\": \"...\"}}]}}";

        Assert.True(SynthesisPromptParser.TryParse(prompt, ResponseFormat.Text, out SynthesisSpec? spec));

        Assert.Equal(7, spec!.Count);
        Assert.Equal(("items", "prompt", "answer"), (spec.ContainerKey, spec.PromptKey, spec.ResponseKey));
    }

    [Fact]
    public void TryParse_takes_the_names_from_a_json_schema_first()
    {
        using JsonDocument body = JsonDocument.Parse("""
            {"response_format": {"type": "json_schema", "json_schema": {"name": "pairs", "schema": {"type": "object", "properties": {
              "rows": {"type": "array", "items": {"type": "object", "properties": {"question": {"type": "string"}, "output": {"type": "string"}}}}}}}}}
            """);
        string prompt = $"Generate 2 pairs like this one: {TriagePrompt.Build(Seed.Text)}";

        Assert.True(SynthesisPromptParser.TryParse(prompt, ResponseFormat.Parse(body.RootElement), out SynthesisSpec? spec));

        Assert.Equal(("rows", "question", "output"), (spec!.ContainerKey, spec.PromptKey, spec.ResponseKey));
    }

    [Fact]
    public void TryParse_is_false_for_a_plain_triage_prompt()
    {
        Assert.False(SynthesisPromptParser.TryParse(TriagePrompt.Build(Seed.Text), ResponseFormat.Text, out _));
    }

    [Fact]
    public void TryParse_refuses_a_synthesis_request_for_another_task()
    {
        var error = Assert.Throws<SimulatorException>(() =>
            SynthesisPromptParser.TryParse("Generate 5 pairs of haiku like: 'old pond'.", ResponseFormat.Text, out _));

        Assert.Equal("unsupported_synthesis_task", error.Code);
    }

    [Fact]
    public void TryParse_refuses_more_than_the_maximum_count()
    {
        string prompt = $"Generate 500 new pairs like {TriagePrompt.Build(Seed.Text)}";

        var error = Assert.Throws<SimulatorException>(() => SynthesisPromptParser.TryParse(prompt, ResponseFormat.Text, out _));

        Assert.Equal("invalid_pair_count", error.Code);
    }
}
