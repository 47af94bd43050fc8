using System.CommandLine;
using Datapunk.Cli.Commands;

var root = new RootCommand("Datapunk's command-line tool: sign-in, users, cluster status, imports of personal data exports, search and questions about them, the models learned from them, and your own tables.");
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(ImportsCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(SqlCommand.Create());
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(IngestTokensCommand.Create());
root.Subcommands.Add(LoginCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(EraseCommand.Create());
root.Subcommands.Add(AskCommand.Create());
root.Subcommands.Add(PlacesCommand.Create());
root.Subcommands.Add(ModelsCommand.Create());
root.Subcommands.Add(ConnectionsCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(TablesCommand.Create());
root.Subcommands.Add(CatalogCommand.Create());
root.Subcommands.Add(LineageCommand.Create());

return await root.Parse(args).InvokeAsync();
