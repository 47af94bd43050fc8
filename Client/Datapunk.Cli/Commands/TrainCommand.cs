using System.CommandLine;
using Datapunk.Cli.Output;
using Datapunk.Grains;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk train KIND --user NAME [--wait] [--json]</c>: asks for a training run of one of a user's
/// models; with <c>--wait</c>, follows it until no run is under way and prints the model.
/// </summary>
public static class TrainCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var kind = new Argument<string>("kind") { Description = $"The model: {string.Join(", ", ModelKinds.All)}." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the run has ended." };
        var json = new Option<bool>("--json") { Description = "Print the model (its versions) as JSON." };
        var command = new Command("train", "Train one of a user's models now.") { kind, user, wait, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var name = parseResult.GetRequiredValue(kind);
                var model = await client.TrainModelAsync(name, token);
                while (parseResult.GetValue(wait) && model.Training)
                {
                    await Task.Delay(Poll, token);
                    model = (await client.ListModelsAsync(token)).Single(candidate => candidate.Kind == name);
                }

                if (parseResult.GetValue(json))
                {
                    await CliJson.WriteAsync(output, model);
                }
                else if (model.Training)
                {
                    await output.WriteLineAsync($"Training {name}: the run goes on in the background ('datapunk models' shows it).");
                }
                else
                {
                    var latest = model.Versions.FirstOrDefault();
                    await output.WriteLineAsync($"Trained {name}: version {latest?.Version} {latest?.Status}{(latest?.Error is { } error ? $" ({error})" : "")}; version {model.Promoted?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} is served.");
                }

                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user)));
        return command;
    }
}
