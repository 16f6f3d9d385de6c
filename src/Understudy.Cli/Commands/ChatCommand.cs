using System.CommandLine;
using Microsoft.Extensions.AI;
using Understudy.Cli.Commands.Engine;
using Understudy.Cli.Hosting;
using Understudy.Engine.Inference;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy chat --model PATH_OR_ID</c>: an interactive conversation with a local model, rendered through the
/// model's chat template. Empty line or <c>/exit</c> ends it; <c>/reset</c> clears the history.
/// </summary>
public static class ChatCommand
{
    /// <summary>Creates the command reading turns from <paramref name="input"/> (the console by default).</summary>
    public static Command Create(TextReader? input = null)
    {
        var model = new LocalModelFlags();
        var sampling = new SamplingFlags();
        var system = new Option<string?>("--system") { Description = "System instructions for the conversation", HelpName = "text" };
        var command = new Command("chat", "Chat interactively with a local model") { system };
        model.AddTo(command);
        sampling.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var reader = input ?? Console.In;
            using LocalModel local = await model.LoadAsync(parseResult, cancellationToken);
            if (local.ChatFormatter is null)
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"note: {local.Id} has no chat template; turns are joined as plain text.");
            using var client = new LocalChatClient(local);
            var options = sampling.ToChatOptions(parseResult);
            options.Instructions = parseResult.GetValue(system);
            var history = new List<ChatMessage>();
            await output.WriteLineAsync($"Chatting with {local.Id}. Empty line or /exit to quit, /reset to start over.");
            while (!cancellationToken.IsCancellationRequested)
            {
                await output.WriteAsync("> ");
                string? line = await reader.ReadLineAsync(cancellationToken);
                if (string.IsNullOrWhiteSpace(line) || line.Trim() == "/exit") break;
                if (line.Trim() == "/reset") { history.Clear(); continue; }
                history.Add(new ChatMessage(ChatRole.User, line));
                var updates = new List<ChatResponseUpdate>();
                await foreach (var update in client.GetStreamingResponseAsync(history, options, cancellationToken))
                {
                    await output.WriteAsync(update.Text);
                    updates.Add(update);
                }
                await output.WriteLineAsync();
                history.AddMessages(updates);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
