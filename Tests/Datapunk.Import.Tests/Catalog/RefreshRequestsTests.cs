namespace Datapunk.Import.Tests.Catalog;

/// <summary>
/// The refresh requests the catalog grain resumes from: requests before a refresh starts join one, a request during a
/// refresh stays pending for the next, and a refresh that completes leaves nothing pending and a snapshot behind.
/// </summary>
public sealed class RefreshRequestsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Requests_join_the_waiting_one_a_request_after_a_start_is_another_and_a_refresh_completes_both()
    {
        var user = ImportDatabase.NewUser("cat-req");
        await CatalogHarness.SeedFileAsync(user, "google.keep.note", "Takeout/Keep/a.json");
        await CatalogHarness.Requests.RequestAsync(user, "import", Cancel);
        await CatalogHarness.Requests.RequestAsync(user, "poll", Cancel);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM user_data.catalog_refreshes WHERE user_id = $1", user)).ShouldBe(1, "the poll's request joins the import's");

        await CatalogHarness.Requests.StartAsync(user, Cancel);
        await CatalogHarness.Requests.RequestAsync(user, "live fixes", Cancel);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM user_data.catalog_refreshes WHERE user_id = $1", user)).ShouldBe(2, "a request during a refresh is one more");
        (await CatalogHarness.Requests.PendingAsync(user, Cancel)).ShouldBeTrue();

        await CatalogHarness.Refresher.RefreshAsync(user, Cancel);
        (await CatalogHarness.Requests.PendingAsync(user, Cancel)).ShouldBeFalse("the refresh started after both requests");
        (await CatalogHarness.Reader.ListAsync(user, Cancel)).RefreshedAt.ShouldNotBeNull();
    }
}
