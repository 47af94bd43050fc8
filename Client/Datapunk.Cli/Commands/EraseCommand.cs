using System.CommandLine;
using System.Globalization;

namespace Datapunk.Cli.Commands;

/// <summary><c>datapunk erase --user NAME --yes</c>: erases a user's account and all of its data, for good (one's own, or an administrator's for the user named).</summary>
public static class EraseCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = new Option<string>("--user", "-u") { Description = "The user to erase.", Required = true };
        var yes = new Option<bool>("--yes") { Description = "Confirms that the account and all of its data are to be deleted for good." };
        var command = new Command("erase", "Erase a user's account and all of its data: rows, files, cache entries, grain state. Cannot be undone.")
        {
            user, yes, gateway,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var userName = parseResult.GetRequiredValue(user);
            if (!parseResult.GetValue(yes))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                    $"datapunk: erasing '{userName}' deletes the account and all of its data for good; run again with --yes to do it.");
                return ExitCodes.ApiError;
            }

            return await GatewayCall.RunAsync(
                parseResult,
                parseResult.GetRequiredValue(gateway),
                async (client, console, token) =>
                {
                    var report = await client.EraseAccountAsync(userName, token);
                    await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"Erased {report.UserId}: {report.Rows.Values.Sum():N0} rows, {report.SpoolFiles:N0} files, {report.CacheKeys:N0} cache entries, {report.GrainStates:N0} grain states, {report.Reminders:N0} reminders."));
                    return ExitCodes.Success;
                },
                cancellationToken,
                actAs: userName);
        });
        return command;
    }
}
