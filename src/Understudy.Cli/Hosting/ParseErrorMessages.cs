using System.CommandLine;
using System.CommandLine.Parsing;
using Understudy.Core.Configuration;

namespace Understudy.Cli.Hosting;

/// <summary>Turns System.CommandLine parse errors into messages that suggest the nearest valid flag or command.</summary>
internal static class ParseErrorMessages
{
    public static IReadOnlyList<string> Describe(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var messages = new List<string>();
        var previousWasUnknownFlag = false;
        foreach (var token in parseResult.UnmatchedTokens)
        {
            if (token.StartsWith('-'))
            {
                var flag = token.Split('=', 2)[0];
                var nearest = KeySuggester.Nearest(flag, FlagsOf(command));
                messages.Add(nearest is null ? $"unknown flag '{flag}'" : $"unknown flag '{flag}' (did you mean '{nearest}'?)");
                previousWasUnknownFlag = true;
            }
            else if (command.Subcommands.Count > 0 && !previousWasUnknownFlag)
            {
                var nearest = KeySuggester.Nearest(token, command.Subcommands.Select(c => c.Name));
                messages.Add(nearest is null ? $"unknown command '{token}'" : $"unknown command '{token}' (did you mean '{nearest}'?)");
            }
            else if (!previousWasUnknownFlag)
            {
                messages.Add($"unexpected argument '{token}'");
            }
            else
            {
                previousWasUnknownFlag = false; // the value of the unknown flag before it
            }
        }

        var unmatched = parseResult.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        messages.AddRange(parseResult.Errors
            .Where(e => !unmatched.Any(token => e.Message.Contains($"'{token}'", StringComparison.Ordinal)))
            .Select(e => e.Message.TrimEnd('.')));
        return messages;
    }

    public static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult commandResult)
            {
                names.Insert(0, commandResult.Command is RootCommand ? "understudy" : commandResult.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    private static IEnumerable<string> FlagsOf(Command command)
    {
        var options = command.Options.Concat(command.Parents.OfType<Command>().SelectMany(AncestorOptions));
        return options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
    }

    private static IEnumerable<Option> AncestorOptions(Command command) =>
        command.Options.Where(o => o.Recursive).Concat(command.Parents.OfType<Command>().SelectMany(AncestorOptions));
}
