using System.CommandLine;
using System.Globalization;
using Datapunk.Cli.Output;

namespace Datapunk.Cli.Commands;

/// <summary><c>datapunk models --user NAME [--json]</c>: a user's models and their versions; <c>--json</c> prints the API's list.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var json = new Option<bool>("--json") { Description = "Print a JSON array of the models with their versions." };
        var command = new Command("models", "List a user's models (places, routines, anomalies) and their versions.") { user, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var models = await client.ListModelsAsync(token);
                if (parseResult.GetValue(json))
                {
                    await CliJson.WriteAsync(output, models);
                    return ExitCodes.Success;
                }

                var table = new TextTable("MODEL", "VERSION", "STATUS", "TRAINED", "DATA", "METRICS").AlignRight(1);
                foreach (var model in models)
                {
                    if (model.Versions.Count == 0)
                    {
                        table.Add(model.Kind, "-", model.Training ? "training" : "never trained", "", "", "");
                    }

                    foreach (var version in model.Versions)
                    {
                        table.Add(
                            model.Kind, version.Version.ToString(CultureInfo.InvariantCulture), version.Status,
                            version.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                            version.DataFrom is { } from && version.DataTo is { } to ? $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}" : "",
                            version.Error ?? string.Join(" ", version.Metrics.Select(metric => string.Create(CultureInfo.InvariantCulture, $"{metric.Key}={metric.Value:0.###}"))));
                    }
                }

                table.WriteTo(output);
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user)));
        return command;
    }
}
