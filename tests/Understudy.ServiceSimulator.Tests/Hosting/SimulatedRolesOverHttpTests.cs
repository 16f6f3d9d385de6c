using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Chat;
using Understudy.ServiceSimulator.Hosting;
using Understudy.ServiceSimulator.TicketTriage;
using Understudy.ServiceSimulator.Tests.Support;

namespace Understudy.ServiceSimulator.Tests.Hosting;

/// <summary>The judge, synthesis and student roles, asked with prompts rendered from the bundled prompts.toml.</summary>
public sealed class SimulatedRolesOverHttpTests
{
    private static readonly GeneratedTicket Ticket = new TicketGenerator(seed: 8).Next(TicketCategory.Shipping);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Judge_scores_a_candidate_against_the_reference_and_the_truth_in_LlamaDuo_layout()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        TriageRecord wrongPriority = Ticket.Truth with { Priority = Ticket.Truth.Priority == TicketPriority.Low ? TicketPriority.High : TicketPriority.Low };
        string prompt = ExamplePrompts.Eval(TriagePrompt.Build(Ticket.Text), Ticket.Truth.ToJson(), wrongPriority.ToJson());

        ChatCompletion completion = await SimulatorClients.Chat(server).CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: Cancel);

        using JsonDocument verdict = JsonDocument.Parse(completion.Content[0].Text);
        JsonElement similarity = verdict.RootElement.GetProperty("similarity_assessment");
        JsonElement precision = verdict.RootElement.GetProperty("precision_assessment");
        Assert.Equal(83, similarity.GetProperty("score").GetInt32());
        Assert.Equal(75, precision.GetProperty("score").GetInt32());
        Assert.Contains("priority", precision.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_answers_in_the_flat_layout_when_the_json_schema_asks_for_it()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        string prompt = ExamplePrompts.Eval(TriagePrompt.Build(Ticket.Text), Ticket.Truth.ToJson(), Ticket.Truth.ToJson());
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("verdict", BinaryData.FromString(
                """{"type": "object", "properties": {"similarity_score": {"type": "integer"}, "similarity_reason": {"type": "string"}, "precision_score": {"type": "integer"}, "precision_reason": {"type": "string"}}}""")),
        };

        ChatCompletion completion = await SimulatorClients.Chat(server).CompleteChatAsync([new UserChatMessage(prompt)], options, Cancel);

        using JsonDocument verdict = JsonDocument.Parse(completion.Content[0].Text);
        Assert.Equal(100, verdict.RootElement.GetProperty("similarity_score").GetInt32());
        Assert.Equal(100, verdict.RootElement.GetProperty("precision_score").GetInt32());
    }

    [Fact]
    public async Task Synthesis_returns_the_asked_number_of_new_pairs_in_the_seed_wording_with_their_computed_triage()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        string seedInstruction = TriagePrompt.Build(Ticket.Text);
        string prompt = ExamplePrompts.Synth(seedInstruction, Ticket.Truth.ToJson(), "shipping", pairs: 3);

        ChatCompletion completion = await SimulatorClients.Chat(server).CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: Cancel);

        using JsonDocument answer = JsonDocument.Parse(completion.Content[0].Text);
        JsonElement[] pairs = answer.RootElement.GetProperty("contents").EnumerateArray().ToArray();
        Assert.Equal(3, pairs.Length);
        foreach (JsonElement pair in pairs)
        {
            string instruction = pair.GetProperty("instruction").GetString()!;
            Assert.True(TriagePrompt.TryExtractTicket(instruction, out string ticket));
            Assert.NotEqual(Ticket.Text, ticket);
            Assert.Equal(TriagePrompt.Build(ticket), instruction);
            TriageRecord truth = TriageExtractor.Triage(ticket);
            Assert.Equal(TicketCategory.Shipping, truth.Category);
            Assert.Equal(truth.ToJson(), pair.GetProperty("response").GetString());
        }
    }

    [Fact]
    public async Task Synthesis_twice_from_the_same_seed_gives_different_tickets()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        string prompt = ExamplePrompts.Synth(TriagePrompt.Build(Ticket.Text), Ticket.Truth.ToJson(), "shipping", pairs: 2);
        ChatClient chat = SimulatorClients.Chat(server);

        string first = (await chat.CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: Cancel)).Value.Content[0].Text;
        string second = (await chat.CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: Cancel)).Value.Content[0].Text;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Student_simulator_gets_fields_wrong_at_its_error_rate_reproducibly()
    {
        string[] first = await StudentAnswersAsync(seed: 3);
        string[] second = await StudentAnswersAsync(seed: 3);

        Assert.Equal(first, second);
        int wrong = first.Count(answer => answer != Ticket.Truth.ToJson());
        Assert.InRange(wrong, 4, 16);
    }

    [Fact]
    public async Task Student_simulator_refuses_to_judge()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        string prompt = ExamplePrompts.Eval(TriagePrompt.Build(Ticket.Text), Ticket.Truth.ToJson(), Ticket.Truth.ToJson());

        var error = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() =>
            SimulatorClients.Chat(server, SimulatorModels.Student).CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: Cancel));

        Assert.Equal(400, error.Status);
    }

    private static async Task<string[]> StudentAnswersAsync(int seed)
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync(studentErrorRate: 0.3, seed: seed);
        using HttpClient http = SimulatorClients.Http(server);
        var body = new
        {
            model = SimulatorModels.Student,
            n = 16,
            messages = new[] { new { role = "user", content = TriagePrompt.Build(Ticket.Text) } },
        };
        using HttpResponseMessage response = await http.PostAsJsonAsync("chat/completions", body, Cancel);
        response.EnsureSuccessStatusCode();
        using JsonDocument completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return completion.RootElement.GetProperty("choices").EnumerateArray()
            .Select(choice => choice.GetProperty("message").GetProperty("content").GetString()!)
            .ToArray();
    }
}
