using Microsoft.Extensions.AI;
using Understudy.Llm.Providers;
using Understudy.Testing;

namespace Understudy.Pipelines.Tests.EndToEnd;

/// <summary>The service chat client the CLI builds (provider client + retry, timeout and quota middleware), pointed at a <see cref="ScriptedOpenAiServer"/>.</summary>
public static class ScriptedServerClients
{
    public static IChatClient For(ScriptedOpenAiServer server, string model) =>
        new ServiceChatClientFactory().Create(server.ServiceOptions(model) with { MaxRetries = 3, RequestTimeout = TimeSpan.FromSeconds(2) });

    /// <summary>The task text of a request: its first user message (re-asks append later ones).</summary>
    public static string Task(ChatRequest request) => request.Messages.First(m => m.Role == ChatRole.User).Text;
}
