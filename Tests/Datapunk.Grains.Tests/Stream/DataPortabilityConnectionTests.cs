using System.Text;
using System.Text.Json.Nodes;
using Datapunk.Streams.Connections;
using Datapunk.Streams.Polling;
using Datapunk.Testing.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains.Tests.Stream;

/// <summary>
/// A Data Portability connection through its grain, against the fake API: an archive job is started, followed
/// while it runs, its archives downloaded into the user's uploads and imported by the Lake's import job (the
/// one an uploaded Takeout goes through); the next export starts where the last ended and stores nothing
/// twice; a failed job is retried, a download cut short resumes from its byte, expired tokens are refreshed,
/// a 429's Retry-After is kept; and archives handed over again by a poll that died before keeping its cursor
/// start no second import. (A killed silo is stood in for by that poll, in-process: the grain keeps no state,
/// the cursor holds every step.)
/// </summary>
[Collection(PortabilityClusterCollection.Name)]
public sealed class DataPortabilityConnectionTests(PortabilityClusterFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private FakeDataPortability Fake => fixture.Portability;

    [Fact]
    public async Task An_export_is_followed_downloaded_and_imported_and_the_next_one_starts_where_it_ended_storing_nothing_twice()
    {
        var account = NewAccount();
        account.PollsUntilComplete = 2;
        account.Export(Searches(("cats", 1), ("dogs", 2), ("owls", 3)), ChromeVisits(("https://example.com/a", 4), ("https://example.com/b", 5)));
        var (userId, key) = await fixture.ConnectedUserAsync(account);
        var initiatedBefore = Fake.Initiated.Count;

        var started = await SyncAsync(userId, key);

        started.Succeeded.ShouldBeTrue(started.Error);
        started.Connection!.Activity.ShouldNotBeNull().ShouldStartWith("Archive job running since");
        Fake.Initiated.Count.ShouldBe(initiatedBefore + 1);
        var first = Fake.Initiated.Last();
        first["resources"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["myactivity.search", "chrome.history"]);
        first.ContainsKey("startTime").ShouldBeFalse("the first export reads everything");
        (await SyncAsync(userId, key)).Connection!.Activity.ShouldStartWith("Archive job running since", Case.Sensitive, "IN_PROGRESS: asked again later");

        var firstImport = await ImportedAsync(userId, key);

        firstImport.Status.ShouldBe(ImportState.Completed, firstImport.Message);
        firstImport.Paths.Count.ShouldBe(2, "one input per archive");
        (await RecordsAsync(userId)).ShouldBe(5, "three searches and two visits");
        var cursor = await CursorAsync(key);
        var exportTime = cursor["lastExportTime"]!.GetValue<DateTimeOffset>();

        // A day later (the cursor says when), the next export: the same archive again plus one new search.
        await KeepAsync(key, cursor, due: DateTimeOffset.UtcNow.AddMinutes(-1));
        account.Export(Searches(("cats", 1), ("dogs", 2), ("owls", 3), ("bats", 6)));
        var secondImport = await ImportedAsync(userId, key);

        secondImport.Status.ShouldBe(ImportState.Completed, secondImport.Message);
        secondImport.ImportId.ShouldNotBe(firstImport.ImportId);
        DateTimeOffset.Parse(Fake.Initiated.Last()["startTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(exportTime, TimeSpan.FromMilliseconds(1), "the incremental export starts where the last one ended");
        (await RecordsAsync(userId)).ShouldBe(6, "only the new search is stored; what the first archive held is not stored twice");
    }

    [Fact]
    public async Task A_failed_job_is_retried_a_cut_download_resumes_from_its_byte_and_tokens_and_throttling_are_handled()
    {
        var account = NewAccount();
        account.PollsUntilComplete = 0;
        account.FailJobs(1);
        var archive = Searches([.. Enumerable.Range(0, 200).Select(i => ($"query {i} {new string('x', 200)}", i))]);
        account.Export(archive);
        var (userId, key) = await fixture.ConnectedUserAsync(account);
        (await SyncAsync(userId, key)).Succeeded.ShouldBeTrue();

        var retried = await SyncAsync(userId, key);

        retried.Succeeded.ShouldBeTrue(retried.Error);
        retried.Connection!.Activity.ShouldNotBeNull().ShouldContain("retried (1 of 3)");
        Fake.ApiRequests.ShouldContain(path => path.EndsWith(":retry", StringComparison.Ordinal));

        Fake.FaultOn("portabilityArchiveState", 429, TimeSpan.FromSeconds(40), "rateLimitExceeded");
        var throttled = await SyncAsync(userId, key);
        throttled.Succeeded.ShouldBeFalse("Google said 429");
        throttled.NextPoll.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddSeconds(30), "the Retry-After of 40 s is kept");

        Fake.ExpireAccessTokens();
        var refreshesBefore = Fake.Refreshes;
        Fake.CutNextDownload(archive.Length / 3);
        var cut = await SyncAsync(userId, key);

        Fake.Refreshes.ShouldBe(refreshesBefore + 1, "the expired access token was refreshed once");
        cut.Succeeded.ShouldBeFalse("the download was cut");
        cut.Error.ShouldNotBeNull().ShouldContain("was cut at");
        cut.Connection!.Activity.ShouldNotBeNull().ShouldStartWith("Downloading archive 1 of 1");

        var done = await ImportedAsync(userId, key);

        done.Status.ShouldBe(ImportState.Completed, done.Message);
        Fake.Downloads.ShouldContain(range => range.StartsWith("bytes=", StringComparison.Ordinal) && range != "bytes=0-", "the second download asked for the rest only");
        (await RecordsAsync(userId)).ShouldBe(200);
    }

    [Fact]
    public async Task An_expired_link_is_asked_for_again_and_the_download_goes_on_from_its_byte()
    {
        var account = NewAccount();
        account.PollsUntilComplete = 0;
        var archive = Searches([.. Enumerable.Range(0, 50).Select(i => ($"expiring {i} {new string('y', 200)}", i))]);
        account.Export(archive);
        var (userId, key) = await fixture.ConnectedUserAsync(account);
        await SyncAsync(userId, key);
        Fake.CutNextDownload(archive.Length / 2);
        (await SyncAsync(userId, key)).Succeeded.ShouldBeFalse("the download was cut");
        Fake.ExpireLinks();

        var refused = await SyncAsync(userId, key);

        refused.Succeeded.ShouldBeFalse("the link was refused");
        refused.Error.ShouldNotBeNull().ShouldContain("403");
        refused.Connection!.Activity.ShouldNotBeNull().ShouldContain("asking Google for new links");
        var done = await ImportedAsync(userId, key);
        done.Status.ShouldBe(ImportState.Completed, done.Message);
        Fake.Downloads.Last().ShouldBe($"bytes={archive.Length / 2}-", "the new link goes on from the byte the old one reached");
        (await RecordsAsync(userId)).ShouldBe(50);
    }

    [Fact]
    public async Task Archives_handed_over_again_by_a_poll_that_died_before_keeping_its_cursor_start_no_second_import()
    {
        var account = NewAccount();
        account.PollsUntilComplete = 0;
        var archive = Searches(("first", 1), ("second", 2));
        account.Export(archive);
        var (userId, key) = await fixture.ConnectedUserAsync(account);
        await SyncAsync(userId, key);
        Fake.CutNextDownload(archive.Length / 2);
        (await SyncAsync(userId, key)).Succeeded.ShouldBeFalse("the download was cut");
        // What a silo that died mid-download leaves: the complete job, its archive half downloaded, its import's id chosen.
        var diedMidDownload = await CursorAsync(key);
        var importId = diedMidDownload["job"]!["importId"]!.GetValue<Guid>();

        var done = await ImportedAsync(userId, key);
        done.ImportId.ShouldBe(importId);
        done.Status.ShouldBe(ImportState.Completed, done.Message);

        // The survivor polls from that cursor again (the upload was removed after its import): it downloads and hands over again.
        await KeepAsync(key, diedMidDownload, due: null);
        var again = await SyncAsync(userId, key);

        again.Succeeded.ShouldBeTrue(again.Error);
        (await CursorAsync(key))["lastImportId"]!.GetValue<Guid>().ShouldBe(importId);
        CallerContext.Set(userId, AccountRoles.Member);
        var imports = await fixture.Grains.GetGrain<IUserGrain>(userId).ListImportsAsync();
        imports.Select(i => i.ImportId).ShouldBe([importId], "one import, whatever poll handed the archive over");
        (await RecordsAsync(userId)).ShouldBe(2);
    }

    private FakeDataPortabilityAccount NewAccount() => Fake.AddAccount($"{Guid.NewGuid():N}"[..10] + "@gmail.com");

    private async Task<ConnectionSync> SyncAsync(string userId, ConnectionKey key)
    {
        CallerContext.Set(userId, AccountRoles.Member);
        return (await fixture.Grains.GetGrain<ISourceConnectionGrain>(key.GrainKey).SyncNowAsync()).ShouldNotBeNull();
    }

    /// <summary>Polls until the connection handed an import over, then waits for that import to end.</summary>
    private async Task<ImportProgress> ImportedAsync(string userId, ConnectionKey key)
    {
        var before = (await CursorAsync(key))["lastImportId"]?.GetValue<Guid>();
        var importId = await Poll.UntilAsync(
            async _ =>
            {
                var sync = await SyncAsync(userId, key);
                return ((await CursorAsync(key))["lastImportId"]?.GetValue<Guid>(), sync);
            },
            seen => seen.Item1 is { } id && id != before,
            "the connection to download its archives and start their import",
            seen => $"{seen.sync?.Connection?.Activity} / {seen.sync?.Error}",
            TimeSpan.FromSeconds(60), Cancel);
        var user = fixture.Grains.GetGrain<IUserGrain>(userId);
        return (await Poll.UntilAsync(
            _ =>
            {
                CallerContext.Set(userId, AccountRoles.Member);
                return user.GetImportAsync(importId.Item1!.Value);
            },
            progress => progress is not null && progress.Status.IsFinished(),
            $"import {importId.Item1} to finish",
            progress => $"{progress?.Status} {progress?.Message}",
            TimeSpan.FromSeconds(60), Cancel))!;
    }

    private async Task<JsonObject> CursorAsync(ConnectionKey key) =>
        (await fixture.Services.GetRequiredService<ConnectionsTable>().FindAsync(key, Cancel)).ShouldNotBeNull().Cursor;

    /// <summary>Keeps <paramref name="cursor"/> as the connection's, its next export due at <paramref name="due"/> when given.</summary>
    private async Task KeepAsync(ConnectionKey key, JsonObject cursor, DateTimeOffset? due)
    {
        var changed = cursor.DeepClone().AsObject();
        if (due is { } at)
        {
            changed["nextExportAt"] = at;
        }

        await fixture.Services.GetRequiredService<PolledPageStore>().KeepCursorAsync(key, changed, Cancel);
    }

    private Task<long> RecordsAsync(string userId) =>
        fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM user_data.records WHERE user_id = @user", new Dictionary<string, object> { ["user"] = userId }, Cancel);

    /// <summary>A Data Portability archive of My Activity searches (the Takeout layout the Lake reads), each on day <c>day</c> of November 2026.</summary>
    private static byte[] Searches(params (string Query, int Day)[] searches) => Zip("My Activity/Search/MyActivity.json", new JsonArray([.. searches.Select(s => (JsonNode)new JsonObject
    {
        ["header"] = "Search",
        ["title"] = $"Searched for {s.Query}",
        ["titleUrl"] = $"https://www.google.com/search?q={Uri.EscapeDataString(s.Query)}",
        ["time"] = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero).AddDays(s.Day).AddSeconds(s.Day).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        ["products"] = new JsonArray("Search"),
        ["activityControls"] = new JsonArray("Web & App Activity"),
    })]).ToJsonString());

    /// <summary>An archive of Chrome history (<c>Chrome/History.json</c>), each visit on day <c>day</c> of November 2026.</summary>
    private static byte[] ChromeVisits(params (string Url, int Day)[] visits) => Zip("Chrome/History.json", new JsonObject
    {
        ["Browser History"] = new JsonArray([.. visits.Select(v => (JsonNode)new JsonObject
        {
            ["title"] = v.Url,
            ["url"] = v.Url,
            ["time_usec"] = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero).AddDays(v.Day).ToUnixTimeMilliseconds() * 1000,
            ["client_id"] = "fixture",
            ["page_transition"] = "LINK",
        })]),
    }.ToJsonString());

    private static byte[] Zip(string entry, string content)
    {
        using var folder = new TempFolder();
        return File.ReadAllBytes(ArchiveBuilder.Zip(folder.File("archive.zip"), (entry, Encoding.UTF8.GetBytes(content))));
    }
}
