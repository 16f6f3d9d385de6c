using System.CommandLine;
using Understudy.Cli.Hosting;
using Understudy.Server.Security;

namespace Understudy.Cli.Commands.Serving;

/// <summary>
/// <c>understudy serve hash-key</c>: reads a key from standard input (or makes one with <c>--generate</c>) and prints
/// the <c>sha256:&lt;hex&gt;</c> line to put in the --api-key-file, so the file never holds the key itself.
/// </summary>
public static class HashKeyCommand
{
    /// <summary>Creates the command reading the key from <paramref name="input"/> (standard input by default).</summary>
    public static Command Create(TextReader? input = null)
    {
        var generate = new Option<bool>("--generate") { Description = "Make a new random key, print it once, and print its hashed line" };
        var command = new Command("hash-key", "Print the sha256:<hex> line of an API key for --api-key-file (key read from stdin)") { generate };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(generate))
            {
                string key = ApiKeyStore.NewKey();
                await output.WriteLineAsync($"key (give it to the client; it is not stored): {key}");
                await output.WriteLineAsync($"line for --api-key-file: {ApiKeyStore.Hash(key)}");
                return ExitCodes.Success;
            }
            string? line = await (input ?? Console.In).ReadLineAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(line))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("error: no key on standard input; pipe one in (echo -n KEY | understudy serve hash-key) or use --generate.");
                return ExitCodes.UsageError;
            }
            await output.WriteLineAsync(ApiKeyStore.Hash(line.Trim()));
            return ExitCodes.Success;
        });
        return command;
    }
}
