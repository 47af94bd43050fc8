using System.CommandLine;
using Datapunk.Cli.Output;
using Datapunk.Grains;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk import PATH... --user NAME [--wait] [--json] [--keep-originals]</c>: uploads the given
/// archives, folders (zipped on the fly) or export files with the tus protocol, resuming an upload an
/// earlier run left unfinished, then starts one import over them. With --wait it follows the import
/// to its end and exits 0 on Completed, 1 on Failed or Cancelled (2: no gateway).
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
        var keep = new Option<bool>("--keep-originals") { Description = "Keep the uploaded files on the server after the import (they are removed by default)." };
        var command = new Command("import", "Import personal data exports (Google Takeout and others) for a user.") { paths, user, wait, json, keep, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var error = parseResult.InvocationConfiguration.Error;
                var interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
                var absolute = parseResult.GetRequiredValue(paths).Select(Path.GetFullPath).ToList();
                if (ImportUploader.Missing(absolute) is { Count: > 0 } missing)
                {
                    await error.WriteLineAsync($"datapunk: nothing was imported: {string.Join(" ", missing)}");
                    return ExitCodes.ApiError;
                }

                var (uploads, archives) = await new ImportUploader(client, error, interactive).UploadAsync(absolute, token);
                var progress = await client.StartImportAsync(uploads, parseResult.GetValue(keep), token);
                archives.ToList().ForEach(File.Delete);
                if (!parseResult.GetValue(wait))
                {
                    await output.WriteLineAsync(parseResult.GetValue(json)
                        ? ImportReportJson.From(progress).ToJson()
                        : $"Import {progress.ImportId} started ({absolute.Count} path(s)); follow it with 'datapunk imports --user {progress.UserId}'.");
                    return ExitCodes.Success;
                }

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
