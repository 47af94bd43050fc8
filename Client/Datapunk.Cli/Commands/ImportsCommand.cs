using System.CommandLine;
using System.Globalization;
using Datapunk.Cli.Output;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk imports --user NAME [--json]</c>: a user's imports, newest first, with status and counts (records rejected included);
/// <c>datapunk imports delete ID ...</c> deletes one (<see cref="ImportDeleteCommand"/>).
/// </summary>
public static class ImportsCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var json = new Option<bool>("--json") { Description = "Print a JSON array of import reports instead of a table." };
        var command = new Command("imports", "List a user's imports with status and counts.") { user, json, gateway, ImportDeleteCommand.Create() };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var imports = await client.ListImportsAsync(token);
                if (parseResult.GetValue(json))
                {
                    await output.WriteLineAsync(
                        System.Text.Json.JsonSerializer.Serialize(imports.Select(ImportReportJson.From), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));
                    return ExitCodes.Success;
                }

                if (imports.Count == 0)
                {
                    await output.WriteLineAsync("No imports.");
                    return ExitCodes.Success;
                }

                var table = new TextTable("IMPORT", "STATUS", "CREATED", "FILES", "RECORDS", "DUPLICATES", "REJECTED", "ERRORS", "TIME").AlignRight(3, 4, 5, 6, 7, 8);
                foreach (var import in imports)
                {
                    table.Add(
                        import.ImportId.ToString(),
                        import.Status.ToString(),
                        import.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                        $"{import.Files.Done:N0}/{import.Files.Total?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"}",
                        import.Records.Values.Sum().ToString("N0", CultureInfo.InvariantCulture),
                        import.Duplicates.ToString("N0", CultureInfo.InvariantCulture),
                        import.RejectedRecords.Values.Sum().ToString("N0", CultureInfo.InvariantCulture),
                        import.Errors.Count.ToString(CultureInfo.InvariantCulture),
                        DurationText.Format(import.Seconds));
                }

                table.WriteTo(output);
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user),
            createUser: false));
        return command;
    }
}
