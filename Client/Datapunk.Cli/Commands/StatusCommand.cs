using System.CommandLine;
using System.Text.Json;
using Datapunk.Cli.Output;

namespace Datapunk.Cli.Commands;

/// <summary><c>datapunk status</c>: silos and activations of the cluster behind a gateway.</summary>
public static class StatusCommand
{
    private static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON instead of tables." };
        var command = new Command("status", "Show the cluster: silos from the membership table and activations per grain type.") { gateway, json };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var report = await client.GetClusterStatusAsync(token);
                if (parseResult.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, IndentedJson));
                }
                else
                {
                    StatusPrinter.Print(report, output);
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
