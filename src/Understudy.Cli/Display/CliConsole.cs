using Spectre.Console;

namespace Understudy.Cli.Display;

/// <summary>Creates the Spectre console for a command's output writer.</summary>
public static class CliConsole
{
    private const int RedirectedWidth = 200;

    /// <summary>
    /// The terminal console (colours and live progress when interactive) when <paramref name="output"/> is the
    /// process's standard output; otherwise a plain, non-interactive console writing to it (tests, captured output).
    /// </summary>
    public static IAnsiConsole Create(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (ReferenceEquals(output, Console.Out))
        {
            if (Console.IsOutputRedirected)
            {
                // Logs and pipes have no width; wrapping tables at the 80-column default only hurts them.
                AnsiConsole.Console.Profile.Width = RedirectedWidth;
            }

            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>Whether live widgets (progress bars) can be drawn: an interactive terminal that is not redirected.</summary>
    public static bool IsLive(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi
            && !(ReferenceEquals(console, AnsiConsole.Console) && Console.IsOutputRedirected);
    }
}
