using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Telemetry;

/// <summary>
/// A real Prometheus scrapes the real silo's <c>/metrics</c>: the exporter's output must survive Prometheus'
/// own parser, and the names dashboards and alerts query must be the ones it stores.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class PrometheusScrapeTests(SiloProcessFixture silo)
{
    /// <summary>Orleans' meter <c>Microsoft.Orleans</c>: live activations per grain type (a gauge).</summary>
    private const string OrleansActivations = "orleans_catalog_activations";

    /// <summary>The import's meter <c>Datapunk.Lake</c>: counter <c>datapunk.import.records_stored</c>, unit <c>{record}</c> (dropped as an annotation), plus <c>_total</c>.</summary>
    private const string RecordsStored = "datapunk_import_records_stored_total";

    private const int LocationPoints = 3;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.PrometheusTestMilliseconds)]
    public async Task PrometheusStoresOrleansAndImportMetricsScrapedFromTheSilo()
    {
        using var folder = new TempFolder();
        var records = WriteLocationRecords(folder.File("Records.json"));
        using var gateway = new DatapunkGatewayClient(silo.Gateway, silo.AdminToken);
        // A fresh user of its own: the owner account is shared by every test run on the database, and
        // fixes it already holds would be matched instead of stored.
        var userName = SiloTestNames.NewUserName();
        await gateway.EnsureUserAsync(userName, Cancellation);
        gateway.ActAs(userName);
        // Other tests of this collection import on the same silo first: the counter is compared with its value before this import.
        var before = StoredFixesIn(await silo.Http.GetStringAsync(new Uri(silo.Gateway, "metrics"), Cancellation));
        var started = await gateway.StartImportOfPathsAsync([records], Cancellation);
        var import = await FinishedImports.WaitAsync(gateway, started.ImportId, records, Cancellation);
        import.Status.ShouldBe(ImportState.Completed, $"import {import.ImportId}: {import.Message} {string.Join("; ", import.Errors)}");
        import.Records.GetValueOrDefault("location_points").ShouldBe(LocationPoints);

        await using var prometheus = PrometheusServer.Start($"127.0.0.1:{silo.GatewayPort}", "/metrics");
        await prometheus.WaitUntilReadyAsync(Deadlines.Prometheus, Cancellation);

        var activations = await prometheus.WaitForSeriesAsync($"{OrleansActivations}{{job=\"datapunk-silo\"}}", Deadlines.Prometheus, Cancellation);
        var stored = await prometheus.WaitForSeriesAsync($"{RecordsStored}{{kind=\"location_points\"}}", Deadlines.Prometheus, Cancellation);

        activations.ShouldContain(s => s.Labels.GetValueOrDefault("grain_type") == "import-job", string.Join(Environment.NewLine, activations));
        // The tests of a collection run one at a time, so nothing else imported on this silo in between.
        stored.Single().Value.ShouldBe(before + LocationPoints, string.Join(Environment.NewLine, stored));
    }

    /// <summary>The silo's <c>datapunk_import_records_stored_total</c> for location fixes in Prometheus text (0 before the first import).</summary>
    private static double StoredFixesIn(string metrics) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(RecordsStored + "{", StringComparison.Ordinal) && line.Contains("kind=\"location_points\"", StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Single();

    private static string WriteLocationRecords(string path)
    {
        var locations = Enumerable.Range(0, LocationPoints).Select(i => new
        {
            latitudeE7 = 500_000_000 + (i * 10_000),
            longitudeE7 = 140_000_000 + (i * 10_000),
            timestamp = new DateTimeOffset(2020, 1, 1, 0, i * 5, 0, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        });
        File.WriteAllText(path, JsonSerializer.Serialize(new { locations }));
        return path;
    }
}
