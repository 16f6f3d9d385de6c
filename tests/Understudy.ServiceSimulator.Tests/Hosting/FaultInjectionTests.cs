using System.Net;
using System.Net.Http.Json;
using OpenAI.Chat;
using Understudy.ServiceSimulator.Hosting;
using Understudy.ServiceSimulator.TicketTriage;
using Understudy.ServiceSimulator.Tests.Support;

namespace Understudy.ServiceSimulator.Tests.Hosting;

public sealed class FaultInjectionTests
{
    private static readonly GeneratedTicket Ticket = new TicketGenerator(seed: 9).Next();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fail_rate_1_answers_every_request_with_a_429_carrying_Retry_After_or_a_500()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync(failRate: 1);
        using HttpClient http = SimulatorClients.Http(server);
        var statuses = new List<HttpStatusCode>();

        for (int index = 0; index < 20; index++)
        {
            using HttpResponseMessage response = await http.PostAsJsonAsync("chat/completions", TriageBody(), Cancel);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("0", response.Headers.GetValues("Retry-After").Single());
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Contains(HttpStatusCode.InternalServerError, statuses);
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError));
    }

    [Fact]
    public async Task Faults_follow_the_seed()
    {
        Assert.Equal(await StatusesAsync(seed: 4), await StatusesAsync(seed: 4));
        Assert.NotEqual(await StatusesAsync(seed: 4), await StatusesAsync(seed: 5));
    }

    [Fact]
    public async Task The_OpenAI_SDK_retries_injected_faults_until_it_gets_the_answer()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync(failRate: 0.5, seed: 2);
        ChatClient chat = SimulatorClients.Chat(server, maxRetries: 10);

        for (int index = 0; index < 5; index++)
        {
            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(TriagePrompt.Build(Ticket.Text))], cancellationToken: Cancel);
            Assert.Equal(Ticket.Truth.ToJson(), completion.Content[0].Text);
        }
    }

    private static async Task<string> StatusesAsync(int seed)
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync(failRate: 0.5, seed: seed);
        using HttpClient http = SimulatorClients.Http(server);
        var statuses = new List<int>();
        for (int index = 0; index < 24; index++)
        {
            using HttpResponseMessage response = await http.PostAsJsonAsync("chat/completions", TriageBody(), Cancel);
            statuses.Add((int)response.StatusCode);
        }
        return string.Join(",", statuses);
    }

    private static object TriageBody() => new
    {
        model = SimulatorModels.Teacher,
        messages = new[] { new { role = "user", content = TriagePrompt.Build(Ticket.Text) } },
    };
}
