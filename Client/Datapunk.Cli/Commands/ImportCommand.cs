using System.CommandLine;
using Datapunk.Cli.Output;
using Datapunk.Grains;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk import PATH... --user NAME [--wait] [--json]</c>: one import over all the given
/// archives, folders or export files, for a user created if needed. With --wait it follows the
/// import to its end and exits 0 on Completed, 1 on Failed or Cancelled (2: no gateway).
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var paths = new Argument<string[]>("paths")
        {
            Description = "Takeout parts (.zip, .tgz, .tar.gz, .tar), extracted folders or single export files.",
            Arity = ArgumentArity.OneOrMore,
        };
        var wait = new Option<bool>("--wait", "-w") { Description = "Show progress and exit when the import ends (0 when it completed)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (the import report) on stdout instead of text." };
        var command = new Command("import", "Import personal data exports (Google Takeout and others) for a user.") { paths, user, wait, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                // The silo reads the paths: relative ones would resolve against its folder, not ours.
                var absolute = parseResult.GetRequiredValue(paths).Select(Path.GetFullPath).ToList();
                var progress = await client.StartImportAsync(parseResult.GetRequiredValue(user), absolute, token);
                var error = parseResult.InvocationConfiguration.Error;
                if (!parseResult.GetValue(wait))
                {
                    await output.WriteLineAsync(parseResult.GetValue(json)
                        ? ImportReportJson.From(progress).ToJson()
                        : $"Import {progress.ImportId} started ({absolute.Count} path(s)); follow it with 'datapunk imports --user {progress.UserId}'.");
                    return ExitCodes.Success;
                }

                var interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
                progress = await new ImportWaiter(client, error, interactive).WaitAsync(progress, token);
                if (parseResult.GetValue(json))
                {
                    await output.WriteLineAsync(ImportReportJson.From(progress).ToJson());
                }
                else
                {
                    ImportSummaryPrinter.Print(progress, output);
                }

                return progress.Status == ImportState.Completed ? ExitCodes.Success : ExitCodes.ImportNotCompleted;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user),
            createUser: true));
        return command;
    }
}
