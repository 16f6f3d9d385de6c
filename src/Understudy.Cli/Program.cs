using System.CommandLine;

var root = new RootCommand("Understudy: train a small local LLM to take over a service LLM's role, then serve it.");
return await root.Parse(args).InvokeAsync();
