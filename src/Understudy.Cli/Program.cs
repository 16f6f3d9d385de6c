using System.CommandLine;

var root = new RootCommand("Understudy: train a small local LLM to take over a service LLM's role, then serve it.");
root.Subcommands.Add(Understudy.Cli.Commands.SimulateServiceCommand.Create());
return await root.Parse(args).InvokeAsync();
