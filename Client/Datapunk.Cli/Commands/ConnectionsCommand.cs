using System.CommandLine;
using Datapunk.Cli.Output;
using Datapunk.Client;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk connections list|connect PROVIDER|sync ID|pause ID|resume ID|remove ID --user NAME [--json]</c>:
/// a user's live-source connections (ids are <c>provider:account</c>). <c>connect</c> prints the provider's
/// page to open in a browser; the provider sends the browser back to the gateway, which finishes the connection.
/// </summary>
public static class ConnectionsCommand
{
    public static Command Create()
    {
        var command = new Command("connections", "A user's live-source connections (Spotify …): list, connect, sync, pause, resume, remove.");
        command.Subcommands.Add(Action("list", "List the connections with their status.", argument: null,
            async (client, _, output, json, token) =>
            {
                var connections = await client.ListConnectionsAsync(token);
                if (json)
                {
                    await CliJson.WriteAsync(output, connections);
                    return;
                }

                if (connections.Count == 0)
                {
                    await output.WriteLineAsync("No connections.");
                    return;
                }

                var table = new TextTable("ID", "STATUS", "LAST SUCCESS", "NEXT POLL", "RECORDS", "LAST ERROR").AlignRight(4);
                foreach (var connection in connections)
                {
                    table.Add(connection.Id, connection.Paused ? $"{connection.Status} (paused)" : connection.Status, Time(connection.LastSuccess),
                        Time(connection.NextPoll), connection.Records.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), connection.LastError ?? "");
                }

                table.WriteTo(output);
            }));
        command.Subcommands.Add(Action("connect", "Begin connecting an account: prints the provider's page to open in a browser.", "provider",
            async (client, provider, output, json, token) =>
            {
                var start = await client.StartConnectionAsync(provider!, token);
                await (json ? CliJson.WriteAsync(output, start) : output.WriteLineAsync($"Open this page to connect your {provider} account:\n{start.AuthorizeUrl}"));
            }));
        command.Subcommands.Add(Action("sync", "Poll a connection now.", "id",
            async (client, id, output, json, token) =>
            {
                var sync = await client.SyncConnectionAsync(id!, token);
                await (json ? CliJson.WriteAsync(output, sync)
                    : output.WriteLineAsync(sync.Succeeded ? $"{id}: {sync.NewRecords} new records from {sync.Pages} pages." : $"{id}: the poll failed: {sync.Error}"));
            }));
        command.Subcommands.Add(Action("pause", "Stop polling a connection.", "id", StatusAction(static (client, id, token) => client.PauseConnectionAsync(id, token))));
        command.Subcommands.Add(Action("resume", "Poll a connection on schedule again.", "id", StatusAction(static (client, id, token) => client.ResumeConnectionAsync(id, token))));
        command.Subcommands.Add(Action("remove", "Remove a connection and forget its tokens (its records stay).", "id",
            async (client, id, output, json, token) =>
            {
                await client.RemoveConnectionAsync(id!, token);
                await (json ? CliJson.WriteAsync(output, new { removed = id }) : output.WriteLineAsync($"Removed {id}."));
            }));
        return command;
    }

    private static Func<DatapunkGatewayClient, string?, TextWriter, bool, CancellationToken, Task> StatusAction(
        Func<DatapunkGatewayClient, string, CancellationToken, Task<Datapunk.Grains.ConnectionStatus>> call) =>
        async (client, id, output, json, token) =>
        {
            var status = await call(client, id!, token);
            await (json ? CliJson.WriteAsync(output, status) : output.WriteLineAsync($"{status.Id}: {status.Status}{(status.Paused ? " (paused)" : "")}."));
        };

    private static Command Action(
        string name, string description, string? argument, Func<DatapunkGatewayClient, string?, TextWriter, bool, CancellationToken, Task> work)
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the API's JSON." };
        var command = new Command(name, description) { user, json, gateway };
        var value = argument is null ? null : new Argument<string>(argument);
        if (value is not null)
        {
            command.Arguments.Add(value);
        }

        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                await work(client, value is null ? null : parseResult.GetRequiredValue(value), output, parseResult.GetValue(json), token);
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user),
            // A poll may wait out a provider's Retry-After and retries within its 25 s budget.
            timeout: TimeSpan.FromSeconds(40)));
        return command;
    }

    private static string Time(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
