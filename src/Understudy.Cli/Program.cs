using Understudy.Cli.Hosting;

var root = UnderstudyRootCommand.Create();
// Commands: one line each, e.g. root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.SimulateServiceCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.RunsCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.GenerateCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.ChatCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.ModelsCommand.Create());
foreach (var command in Understudy.Cli.Commands.Pipelines.LlamaDuoCommands.Create()) { root.Subcommands.Add(command); }
root.Subcommands.Add(Understudy.Cli.Commands.Datasets.DatasetsCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.CurateCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.CostCommand.Create());

return await CliRunner.RunAsync(root, args);
