using System.CommandLine;
using Microsoft.Extensions.AI;
using Understudy.Cli.Commands.Engine;
using Understudy.Cli.Hosting;
using Understudy.Engine.Inference;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy generate --model PATH_OR_ID --prompt TEXT</c>: streams the local model's continuation of a prompt.
/// With <c>--chat</c> the prompt is a user turn rendered through the model's chat template.
/// </summary>
public static class GenerateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new LocalModelFlags();
        var sampling = new SamplingFlags();
        var prompt = new Option<string>("--prompt") { Description = "The prompt text", Required = true, HelpName = "text" };
        var chat = new Option<bool>("--chat") { Description = "Treat the prompt as a user message and apply the model's chat template" };
        var system = new Option<string?>("--system") { Description = "System instructions (with --chat)", HelpName = "text" };
        var command = new Command("generate", "Generate text with a local model (TorchSharp engine)") { prompt, chat, system };
        model.AddTo(command);
        sampling.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using LocalModel local = await model.LoadAsync(parseResult, cancellationToken);
            bool useTemplate = parseResult.GetValue(chat);
            if (useTemplate && local.ChatFormatter is null)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {local.Id} has no chat template; drop --chat to continue raw text.");
                return ExitCodes.UsageError;
            }
            var options = useTemplate ? LocalChatClientOptions.For(local) : RawTextOptions();
            using var client = new LocalChatClient(local, options);
            var chatOptions = sampling.ToChatOptions(parseResult);
            chatOptions.Instructions = parseResult.GetValue(system);
            var output = parseResult.InvocationConfiguration.Output;
            UsageDetails? usage = null;
            ChatFinishReason? finish = null;
            await foreach (var update in client.GetStreamingResponseAsync(parseResult.GetValue(prompt)!, chatOptions, cancellationToken))
            {
                await output.WriteAsync(update.Text);
                usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
                finish = update.FinishReason ?? finish;
            }
            await output.WriteLineAsync();
            await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                $"[{local.Id}: {usage?.InputTokenCount} prompt + {usage?.OutputTokenCount} generated tokens, finish: {finish}]");
            return ExitCodes.Success;
        });
        return command;
    }

    private static LocalChatClientOptions RawTextOptions() => new()
    {
        PromptFormatter = messages => string.Join("\n\n", messages.Select(m => m.Text)),
        AddSpecialTokens = true,
    };
}
