using System.CommandLine;
using Datapunk.Cli.Commands;

var root = new RootCommand("Datapunk's command-line tool: cluster status, and (soon) Takeout imports.");
root.Subcommands.Add(StatusCommand.Create());

return await root.Parse(args).InvokeAsync();
