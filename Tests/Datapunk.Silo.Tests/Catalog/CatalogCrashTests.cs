using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Catalog;

/// <summary>
/// Kills (SIGKILL) the silo holding a user's catalog grain while a refresh it was asked for is under way
/// in the database's eyes (started, not finished): the request is durable and the grain's reminder wakes
/// the catalog on the survivor, which refreshes it, so no refresh asked for is lost to a silo's death.
/// </summary>
public sealed class CatalogCrashTests
{
    private const int Notes = 40;

    private static readonly Dictionary<string, string> Settings = new()
    {
        // Orleans refuses reminder periods under a minute unless told otherwise; the catalog's is a minute.
        ["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:01",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task A_refresh_under_way_when_its_silo_is_killed_is_finished_by_the_survivor()
    {
        await using var cluster = await SiloCluster.StartAsync("catalog-crash", Settings, Cancellation);
        var database = cluster.Database;
        using var admin = new DatapunkGatewayClient(cluster.Silos[0].Gateway, cluster.Silos[0].AdminToken, TimeSpan.FromSeconds(60));
        var name = SiloTestNames.NewUserName();
        await admin.CreateUserAsync(new NewUser(name), Cancellation);
        var notes = Enumerable.Range(0, Notes).Select(i => ($"Note {i}", $"Shopping list {i}: apples and pears")).ToList();
        await PersonalRows.InsertNotesAsync(database.DataSource, name, notes, new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero), Cancellation);

        // The request is written down and the refresh waits a few seconds for others to join it: the silo dies in
        // that window, after the refresh has (as far as the database knows) begun, the state a kill mid-refresh leaves.
        admin.ActAs(name);
        await admin.RefreshCatalogAsync(Cancellation);
        var user = new Dictionary<string, object> { ["user"] = name };
        (await database.ExecuteAsync(
            "UPDATE user_data.catalog_refreshes SET started_at = now() WHERE user_id = @user AND finished_at IS NULL", user, Cancellation))
            .ShouldBe(1, "one refresh asked for and not finished");
        admin.ActAs(null);
        var activations = (await admin.GetClusterStatusAsync(Cancellation)).Activations;
        var host = activations.Single(type => type.GrainType.Contains("CatalogGrain", StringComparison.Ordinal)).BySilo.Keys.Single();
        var holder = cluster.Hosting(host);
        await holder.KillAsync();
        (await database.ScalarAsync<long>(
            "SELECT count(*) FROM user_data.catalog_refreshes WHERE user_id = @user AND finished_at IS NOT NULL", user, Cancellation))
            .ShouldBe(0, "the silo was killed before its refresh could finish");

        var survivor = cluster.Other(holder);
        using var client = new DatapunkGatewayClient(survivor.Gateway, survivor.AdminToken, TimeSpan.FromSeconds(60));
        client.ActAs(name);
        var catalog = await Poll.UntilAsync(
            token => client.GetCatalogAsync(token),
            overview => overview is { RefreshPending: false, RefreshedAt: not null },
            "the survivor to finish the refresh",
            overview => $"pending {overview?.RefreshPending}, refreshed {overview?.RefreshedAt}\n{survivor.Describe(30)}",
            TimeSpan.FromSeconds(200), Cancellation, TimeSpan.FromMilliseconds(500));
        catalog!.Datasets.ShouldContain(dataset => dataset.Rows == Notes, string.Join(", ", catalog.Datasets.Select(dataset => $"{dataset.Id}={dataset.Rows}")));
    }
}
