using System.CommandLine;

namespace Understudy.Cli.Commands.Pipelines;

/// <summary>The four LlamaDuo tools, registered together with one line in Program.cs.</summary>
public static class LlamaDuoCommands
{
    public static IEnumerable<Command> Create() =>
        [BatchInferCommand.Create(), EvaluateCommand.Create(), SynthCommand.Create(), MergeCommand.Create()];
}
