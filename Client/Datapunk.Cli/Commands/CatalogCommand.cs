using System.CommandLine;
using System.Globalization;
using Datapunk.Cli.Output;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk catalog --user NAME [--json]</c>: a user's datasets with zone, rows, span, quality and PII;
/// <c>datapunk catalog show DATASET --user NAME [--json]</c>: one dataset in full. <c>--json</c> prints the API's object.
/// </summary>
public static class CatalogCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the catalog as the API returns it (JSON)." };
        var command = new Command("catalog", "List a user's datasets: zone, rows, span, quality scores and PII found (docs/catalog.md).") { user, json, gateway, Show() };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var catalog = await client.GetCatalogAsync(token);
                if (parseResult.GetValue(json))
                {
                    await CliJson.WriteAsync(output, catalog);
                    return ExitCodes.Success;
                }

                var table = new TextTable("DATASET", "ZONE", "ROWS", "FROM", "TO", "QUALITY", "PII").AlignRight(2);
                foreach (var dataset in catalog.Datasets)
                {
                    var scores = dataset.Quality.Values.Where(score => score is not null).Select(score => score!.Value).ToList();
                    table.Add(
                        dataset.Id, dataset.Zone, dataset.Rows.ToString(CultureInfo.InvariantCulture), Day(dataset.FirstAt), Day(dataset.LastAt),
                        scores.Count == 0 ? "-" : scores.Min().ToString("0.00", CultureInfo.InvariantCulture) + " min",
                        string.Join(" ", dataset.Pii.Select(pii => $"{pii.Key}={pii.Value}")));
                }

                table.WriteTo(output);
                await output.WriteLineAsync(catalog.RefreshedAt is { } at
                    ? $"Refreshed {at:yyyy-MM-dd HH:mm:ss}Z{(catalog.RefreshPending ? "; a newer refresh is pending" : "")}."
                    : catalog.RefreshPending ? "The first refresh is pending." : "Never refreshed: the catalog fills after an import.");
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user)));
        return command;
    }

    private static Command Show()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the dataset as the API returns it (JSON)." };
        var dataset = new Argument<string>("dataset") { Description = "The dataset's name as the catalog lists it, e.g. fixes:google.location.records." };
        var command = new Command("show", "Show one dataset: schema, versions and drift, quality per dimension with failing rows, PII per field.") { dataset, user, json, gateway };
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var detail = await client.GetCatalogDatasetAsync(parseResult.GetRequiredValue(dataset), token);
                if (parseResult.GetValue(json))
                {
                    await CliJson.WriteAsync(output, detail);
                    return ExitCodes.Success;
                }

                await CatalogDatasetPrinter.WriteAsync(output, detail);
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user)));
        return command;
    }

    private static string Day(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
