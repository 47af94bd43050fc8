using System.CommandLine;
using System.Globalization;
using Datapunk.Grains;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk export [--user NAME] [--output FILE] [--masked]</c>: exports all of a user's data (one's own,
/// or an administrator's for the user named), waits for it and downloads the zip; <c>--masked</c> makes
/// one to share, with personal identifiers in its text masked.
/// </summary>
public static class ExportCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = new Option<string?>("--user", "-u") { Description = "Export this user's data (an administrator acting for the user); default: your own." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the zip (default: datapunk-export-<user>-<time>.zip here)." };
        var masked = new Option<bool>("--masked") { Description = "An export to share: e-mail addresses, phone numbers, IBANs, card and national id numbers and street addresses in its text are masked." };
        var command = new Command("export", "Export all of a user's data as a zip: JSON Lines per kind and a manifest with counts and checksums.")
        {
            user, output, masked, gateway,
        };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, console, token) =>
            {
                var userName = parseResult.GetValue(user);
                var status = await client.StartExportAsync(parseResult.GetValue(masked), token);
                while (status.State == ExportState.Running)
                {
                    await Task.Delay(PollInterval, token);
                    status = await client.GetExportAsync(status.ExportId, token);
                }

                if (status.State == ExportState.Failed)
                {
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync($"datapunk: the export failed: {status.Error}");
                    return ExitCodes.ApiError;
                }

                var file = parseResult.GetValue(output)?.FullName
                    ?? Path.GetFullPath($"datapunk-export-{userName ?? "me"}-{status.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.zip");
                long bytes;
                await using (var zip = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    bytes = await client.DownloadExportAsync(status.ExportId, zip, token);
                }

                await console.WriteLineAsync($"Exported to {file} ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes).");
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetValue(user)));
        return command;
    }
}
