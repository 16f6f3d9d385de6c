using System.Text.Json;
using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator.Requests;

/// <summary>
/// Answers a synthesis request with new tickets written by <see cref="TicketGenerator"/>, each of the category of
/// a seed (taking the seeds in turn), set into that seed's instruction wording, and paired with its computed triage.
/// </summary>
public static class SynthesisResponder
{
    public static string Synthesise(SynthesisSpec spec, Random random)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(random);
        var generator = new TicketGenerator(random.Next());
        return SimulatorJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray(spec.ContainerKey);
            for (int index = 0; index < spec.Count; index++)
            {
                (string seedInstruction, TicketCategory category) = spec.Seeds[index % spec.Seeds.Count];
                GeneratedTicket ticket = generator.Next(category);
                writer.WriteStartObject();
                writer.WriteString(spec.PromptKey, TriagePrompt.ReplaceTicket(seedInstruction, ticket.Text));
                writer.WriteString(spec.ResponseKey, ticket.Truth.ToJson());
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
