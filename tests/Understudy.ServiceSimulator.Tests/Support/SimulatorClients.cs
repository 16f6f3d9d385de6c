using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;
using Understudy.ServiceSimulator.Hosting;

namespace Understudy.ServiceSimulator.Tests.Support;

/// <summary>Clients of a running simulator: the official OpenAI SDK, and raw HTTP for what the SDK hides.</summary>
internal static class SimulatorClients
{
    public static Task<ServiceSimulatorServer> StartAsync(double failRate = 0, double studentErrorRate = 0.15, int seed = 1) =>
        ServiceSimulatorServer.StartAsync(new ServiceSimulatorOptions
        {
            Port = 0,
            FailRate = failRate,
            StudentErrorRate = studentErrorRate,
            Seed = seed,
            RetryAfterSeconds = 0,
        }, TestContext.Current.CancellationToken);

    public static ChatClient Chat(ServiceSimulatorServer server, string model = SimulatorModels.Teacher, int maxRetries = 0) =>
        new(model, new ApiKeyCredential("any-key"), Options(server, maxRetries));

    public static OpenAIClientOptions Options(ServiceSimulatorServer server, int maxRetries = 0) => new()
    {
        Endpoint = server.BaseUrl,
        RetryPolicy = new ClientRetryPolicy(maxRetries),
    };

    public static HttpClient Http(ServiceSimulatorServer server) => new() { BaseAddress = new Uri(server.BaseUrl + "/") };
}
