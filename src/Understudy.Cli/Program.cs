using Understudy.Cli.Hosting;

var root = UnderstudyRootCommand.Create();
// Commands: one line each, e.g. root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.SimulateServiceCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.RunsCommand.Create());

return await CliRunner.RunAsync(root, args);
