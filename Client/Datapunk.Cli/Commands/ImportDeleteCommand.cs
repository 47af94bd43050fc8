using System.CommandLine;
using Datapunk.Cli.Output;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk imports delete ID --user NAME [--file F] [--dry-run] [--accept-loss] [--json]</c>: deletes an import (or one
/// source file of it) and what was stored from it, or with <c>--dry-run</c> says what would go and what stays
/// (docs/catalog.md, "Deleting an export").
/// </summary>
public static class ImportDeleteCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var import = new Argument<Guid>("ID") { Description = "The import's id (datapunk imports lists them)." };
        var file = new Option<long?>("--file") { Description = "Delete only this source file of the import (its id, as the import report and the catalog list it)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be deleted and what stays; change nothing." };
        var acceptLoss = new Option<bool>("--accept-loss")
        {
            Description = "Delete even when other files hold some of the same records and have no kept original to restore them from: their copies go too.",
        };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON object instead of text." };
        var command = new Command("delete", "Delete an import, or one source file of it, and the records, fixes and embeddings stored from it.")
        {
            import, file, dryRun, acceptLoss, user, json, gateway,
        };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var deletion = await client.DeleteImportAsync(
                    parseResult.GetValue(import), parseResult.GetValue(file), parseResult.GetValue(dryRun), parseResult.GetValue(acceptLoss), token);
                if (parseResult.GetValue(json))
                {
                    await CliJson.WriteAsync(output, deletion);
                }
                else
                {
                    await ImportDeletionPrinter.WriteAsync(output, deletion);
                }

                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user),
            createUser: false));
        return command;
    }
}
