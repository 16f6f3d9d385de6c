using Understudy.Cli.Hosting;

var root = UnderstudyRootCommand.Create();
// Commands: one line each, e.g. root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.SimulateServiceCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.RunsCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.GenerateCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.ChatCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.ModelsCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.ServeCommand.Create());
foreach (var command in Understudy.Cli.Commands.Pipelines.LlamaDuoCommands.Create()) { root.Subcommands.Add(command); }
root.Subcommands.Add(Understudy.Cli.Commands.Datasets.DatasetsCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.AdaptersCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.FinetuneCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.DuoCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.ReportCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.CurateCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.CostCommand.Create());
root.Subcommands.Add(Understudy.Cli.Commands.Traces.TracesCommand.Create());

return await CliRunner.RunAsync(root, args);
