using System.Text.Json;
using Understudy.ServiceSimulator.Example;
using Understudy.ServiceSimulator.TicketTriage;
using Understudy.ServiceSimulator.Tests.Support;

namespace Understudy.ServiceSimulator.Tests.Example;

public sealed class CoverageExampleWriterTests
{
    [Fact]
    public void The_committed_example_dataset_is_what_the_writer_produces()
    {
        string committed = Path.Combine(ExamplePrompts.RepositoryRoot(), "examples", "ticket-triage", "coverage.jsonl");

        Assert.Equal(CoverageExampleWriter.Lines().ToArray(), File.ReadAllLines(committed));
    }

    [Fact]
    public void Lines_are_coverage_rows_whose_reference_is_the_computed_triage()
    {
        string[] lines = CoverageExampleWriter.Lines().ToArray();

        Assert.True(lines.Length >= 60);
        Assert.Equal(lines.Length, lines.Distinct().Count());
        foreach (string line in lines)
        {
            using JsonDocument row = JsonDocument.Parse(line);
            string prompt = row.RootElement.GetProperty("prompt").GetString()!;
            JsonElement[] messages = row.RootElement.GetProperty("messages").EnumerateArray().ToArray();
            Assert.Equal(["user", "assistant"], messages.Select(message => message.GetProperty("role").GetString()).ToArray());
            Assert.Equal(prompt, messages[0].GetProperty("content").GetString());
            Assert.True(TriagePrompt.TryExtractTicket(prompt, out string ticket));
            TriageRecord truth = TriageExtractor.Triage(ticket);
            Assert.Equal(truth.ToJson(), messages[1].GetProperty("content").GetString());
            Assert.Equal(TriageWireNames.Of(truth.Category), row.RootElement.GetProperty("category").GetString());
            Assert.Equal(32, row.RootElement.GetProperty("prompt_id").GetString()!.Length);
        }
    }
}
