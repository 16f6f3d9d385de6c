using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using OpenAI.Models;
using Understudy.ServiceSimulator.Hosting;
using Understudy.ServiceSimulator.TicketTriage;
using Understudy.ServiceSimulator.Tests.Support;

namespace Understudy.ServiceSimulator.Tests.Hosting;

/// <summary>The simulator speaks the OpenAI API: these tests talk to it with the official OpenAI .NET SDK over real HTTP.</summary>
public sealed class ServiceSimulatorServerTests
{
    private static readonly GeneratedTicket Ticket = new TicketGenerator(seed: 5).Next();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Models_lists_the_teacher_and_the_student_simulator()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        var models = new OpenAIModelClient(new ApiKeyCredential("any-key"), SimulatorClients.Options(server));

        OpenAIModelCollection list = await models.GetModelsAsync(Cancel);

        Assert.Equal([SimulatorModels.Teacher, SimulatorModels.Student], list.Select(model => model.Id).ToArray());
        Assert.StartsWith("http://127.0.0.1:", server.BaseUrl.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_completion_answers_a_triage_prompt_with_the_computed_triage_and_counts_tokens()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        string prompt = TriagePrompt.Build(Ticket.Text);

        ChatCompletion completion = await SimulatorClients.Chat(server).CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: Cancel);

        Assert.Equal(Ticket.Truth.ToJson(), completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(SimulatorModels.Teacher, completion.Model);
        Assert.Equal((prompt.Length + 3) / 4, completion.Usage.InputTokenCount);
        Assert.Equal((Ticket.Truth.ToJson().Length + 3) / 4, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Streaming_sends_the_same_answer_in_pieces_and_reports_usage()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        var text = new StringBuilder();
        var updates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var options = new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };

        await foreach (StreamingChatCompletionUpdate update in SimulatorClients.Chat(server)
            .CompleteChatStreamingAsync([new UserChatMessage(TriagePrompt.Build(Ticket.Text))], options, Cancel))
        {
            updates++;
            text.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal(Ticket.Truth.ToJson(), text.ToString());
        Assert.True(updates > 3, $"expected the answer in several chunks, got {updates} updates");
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal((Ticket.Truth.ToJson().Length + 3) / 4, usage.OutputTokenCount);
    }

    [Fact]
    public async Task Max_output_tokens_cuts_the_answer_and_reports_length()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 5 };

        ChatCompletion completion = await SimulatorClients.Chat(server).CompleteChatAsync([new UserChatMessage(TriagePrompt.Build(Ticket.Text))], options, Cancel);

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(Ticket.Truth.ToJson()[..20], completion.Content[0].Text);
    }

    [Fact]
    public async Task A_request_the_simulator_cannot_compute_gets_a_400_that_says_what_it_can_do()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            SimulatorClients.Chat(server).CompleteChatAsync([new UserChatMessage("Write a poem about the sea.")], cancellationToken: Cancel));

        Assert.Equal(400, error.Status);
        Assert.Contains("not a language model", error.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported_request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticket_with_no_known_problem_gets_a_400_naming_the_cues()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => SimulatorClients.Chat(server)
            .CompleteChatAsync([new UserChatMessage(TriagePrompt.Build("Hello, what are your opening hours?"))], cancellationToken: Cancel));

        Assert.Equal(400, error.Status);
        Assert.Contains("ticket_not_recognized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_gets_a_404_listing_the_models()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => SimulatorClients.Chat(server, "gpt-4o")
            .CompleteChatAsync([new UserChatMessage(TriagePrompt.Build(Ticket.Text))], cancellationToken: Cancel));

        Assert.Equal(404, error.Status);
        Assert.Contains(SimulatorModels.Teacher, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_message_re_answers_the_latest_recognisable_request()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        ChatMessage[] conversation =
        [
            new UserChatMessage(TriagePrompt.Build(Ticket.Text)),
            new AssistantChatMessage("not json"),
            new UserChatMessage("That answer could not be used: no JSON object. Answer again with only the JSON object."),
        ];

        ChatCompletion completion = await SimulatorClients.Chat(server).CompleteChatAsync(conversation, cancellationToken: Cancel);

        Assert.Equal(Ticket.Truth.ToJson(), completion.Content[0].Text);
    }

    [Theory]
    [InlineData("{not json", "invalid_json")]
    [InlineData("""{"model": "ticket-triage-simulator"}""", "missing_messages")]
    [InlineData("""{"model": "ticket-triage-simulator", "messages": [{"role": "user", "content": "x"}], "response_format": {"type": "xml"}}""", "invalid_response_format")]
    public async Task A_malformed_request_body_gets_a_400_naming_the_problem(string body, string code)
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        using HttpClient http = SimulatorClients.Http(server);

        using HttpResponseMessage response = await http.PostAsync("chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(code, error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_path_gets_a_404_listing_the_endpoints()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        using HttpClient http = SimulatorClients.Http(server);

        using HttpResponseMessage response = await http.PostAsync("embeddings", new StringContent("{}"), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/v1/chat/completions", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
