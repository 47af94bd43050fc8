using System.CommandLine;
using System.Globalization;
using Datapunk.Cli.Output;
using Datapunk.Grains;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk places --user NAME [--json]</c>: a user's significant places, most dwell first, then home,
/// work and routines. With <c>--json</c>: one object <c>{"version", "places": [...], "routines": {...}}</c>.
/// </summary>
public static class PlacesCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var json = new Option<bool>("--json") { Description = "Print one JSON object: the places and home, work and routines." };
        var command = new Command("places", "List a user's significant places with visits and dwell, and home, work and routines.") { user, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var places = await client.ListPlacesAsync(token);
                var routines = await client.GetRoutinesAsync(token);
                if (parseResult.GetValue(json))
                {
                    await CliJson.WriteAsync(output, new { places.Version, places.Places, Routines = routines });
                    return ExitCodes.Success;
                }

                if (places.Version is null)
                {
                    await output.WriteLineAsync("No places yet: the places model has not been trained (datapunk train places --user NAME).");
                    return ExitCodes.Success;
                }

                var table = new TextTable("PLACE", "NAME", "LAT", "LNG", "VISITS", "DWELL", "FIRST", "LAST").AlignRight(4, 5);
                foreach (var place in places.Places)
                {
                    table.Add(
                        place.PlaceId.ToString(), Label(place.PlaceId, place.Name, routines),
                        place.Position.Lat.ToString("0.00000", CultureInfo.InvariantCulture), place.Position.Lng.ToString("0.00000", CultureInfo.InvariantCulture),
                        place.Visits.ToString(CultureInfo.InvariantCulture), DurationText.Format(place.DwellSeconds),
                        place.FirstVisit.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), place.LastVisit.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                table.WriteTo(output);
                foreach (var routine in routines.Routines)
                {
                    await output.WriteLineAsync($"Routine: {routine.Description}");
                }

                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user)));
        return command;
    }

    private static string Label(Guid placeId, string? name, RoutinesView routines) =>
        (name ?? "-") + (routines.Home?.PlaceId == placeId ? $" (home, {routines.Home.Confidence:P0})" : "")
        + (routines.Work?.PlaceId == placeId ? $" (work, {routines.Work.Confidence:P0})" : "");
}
