using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Datapunk.Import.Tests.Uploads;

/// <summary>
/// <c>/api/v1/imports</c> end to end: an import of the caller's uploads (removed from the spool when it
/// ends, or kept), its progress as server-sent events, another user's import that does not exist for
/// the caller, and server-side paths read only inside the configured roots.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ImportFromUploadsTests(SiloFixture silo) : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task An_import_of_an_upload_stores_its_records_and_removes_it_from_the_spool()
    {
        var user = ImportDatabase.NewUser("up-import");
        using var client = await silo.NewMemberAsync(user);
        var upload = await UploadTakeoutAsync(client, fixes: 1_500);

        var done = await ImportsCalls.ImportUploadsAsync(client, [upload]);

        done.Status.ShouldBe(ImportState.Completed, done.Message);
        done.Records["location_points"].ShouldBe(1_500);
        done.Paths.ShouldBe(["takeout-001.zip"], "the import names its input as it was uploaded");
        (await ImportDatabase.CountsAsync(user))["location_points"].ShouldBe(1_500);
        File.Exists(Path.Combine(silo.SpoolPath, user, upload.ToString("N"))).ShouldBeFalse("the upload leaves the spool when the import ends");
        (await TusCalls.OffsetAsync(client, $"/{TusCalls.Uploads}/{upload}")).ShouldBeNull();
        var files = await client.GetFromJsonAsync<ImportFileReport[]>($"{ImportsCalls.Imports}/{done.ImportId}/files", TestContext.Current.CancellationToken);
        files.ShouldNotBeNull().Select(file => file.File).ShouldBe(["takeout-001.zip!Takeout/Location History/Records.json"]);
        var listed = await client.GetFromJsonAsync<ImportProgress[]>(ImportsCalls.Imports, TestContext.Current.CancellationToken);
        listed.ShouldNotBeNull().Select(import => import.ImportId).ShouldBe([done.ImportId]);
    }

    [Fact]
    public async Task Keeping_originals_leaves_the_upload_in_the_spool()
    {
        var user = ImportDatabase.NewUser("up-keep");
        using var client = await silo.NewMemberAsync(user);
        var upload = await UploadTakeoutAsync(client, fixes: 100);

        var done = await ImportsCalls.ImportUploadsAsync(client, [upload], keepOriginals: true);

        done.Status.ShouldBe(ImportState.Completed, done.Message);
        File.Exists(Path.Combine(silo.SpoolPath, user, upload.ToString("N"))).ShouldBeTrue("kept originals stay");
        var length = new FileInfo(Path.Combine(silo.SpoolPath, user, upload.ToString("N"))).Length;
        (await TusCalls.OffsetAsync(client, $"/{TusCalls.Uploads}/{upload}")).ShouldBe(length);
    }

    [Fact]
    public async Task Progress_comes_as_server_sent_events_until_the_import_ends()
    {
        using var client = await silo.NewMemberAsync(ImportDatabase.NewUser("up-events"));
        var upload = await UploadTakeoutAsync(client, fixes: 20_000);
        using var started = await ImportsCalls.StartAsync(client, new { uploads = new[] { upload } });
        var import = (await started.Content.ReadFromJsonAsync<ImportProgress>(TestContext.Current.CancellationToken)).ShouldNotBeNull();

        using var events = await client.GetAsync($"{ImportsCalls.Imports}/{import.ImportId}/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        events.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var text = await events.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var progress = text.Split('\n').Where(line => line.StartsWith("data: ", StringComparison.Ordinal))
            .Select(line => JsonSerializer.Deserialize<ImportProgress>(line["data: ".Length..], JsonSerializerOptions.Web)!).ToList();
        text.Split('\n').Where(line => line.StartsWith("event: ", StringComparison.Ordinal)).Distinct().ShouldBe(["event: progress"]);
        progress.ShouldNotBeEmpty();
        progress[^1].Status.ShouldBe(ImportState.Completed, "the stream ends with the import's end");
        progress.Take(progress.Count - 1).ShouldAllBe(p => !p.Status.IsFinished(), "nothing follows the end");
        progress.Select(p => JsonSerializer.Serialize(p with { Seconds = 0, RecordsPerSecond = 0, EtaSeconds = null, PeakMemoryBytes = 0 }, JsonSerializerOptions.Web))
            .Distinct().Count().ShouldBe(progress.Count, "one event per change, never the same state twice");
    }

    [Fact]
    public async Task Another_users_import_is_not_found_by_any_route()
    {
        using var owner = await silo.NewMemberAsync(ImportDatabase.NewUser("up-owner"));
        using var stranger = await silo.NewMemberAsync(ImportDatabase.NewUser("up-stranger"));
        var done = await ImportsCalls.ImportUploadsAsync(owner, [await UploadTakeoutAsync(owner, fixes: 10)]);

        foreach (var route in new[] { "", "/files", "/events" })
        {
            using var response = await stranger.GetAsync($"{ImportsCalls.Imports}/{done.ImportId}{route}", TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"GET {route} of another user's import");
            (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("location_points");
        }

        using (var cancel = await stranger.PostAsync($"{ImportsCalls.Imports}/{done.ImportId}/cancel", null, TestContext.Current.CancellationToken))
        {
            cancel.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await stranger.GetFromJsonAsync<ImportProgress[]>(ImportsCalls.Imports, TestContext.Current.CancellationToken)).ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public async Task Server_side_paths_are_imported_inside_the_allowed_roots_and_refused_outside()
    {
        using var client = await silo.NewMemberAsync(ImportDatabase.NewUser("up-paths"));
        var inside = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, 50))));
        using var outside = new OutsideFolder();
        var escapeByDots = Path.Combine(TestFolders.Root, "..", Path.GetFileName(outside.Path), "secret.json");
        var link = Path.Combine(_temp.Path, "innocent");
        Directory.CreateSymbolicLink(link, outside.Path);
        var escapeByLink = Path.Combine(link, "secret.json");

        foreach (var escape in new[] { escapeByDots, escapeByLink })
        {
            using var refused = await ImportsCalls.StartAsync(client, new { paths = new[] { escape } });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await TusProtocolTests.ProblemDetailAsync(refused)).ShouldContain($"'{escape}' is outside the server-side import folders");
        }

        using var started = await ImportsCalls.StartAsync(client, new { paths = new[] { inside } });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var import = (await started.Content.ReadFromJsonAsync<ImportProgress>(TestContext.Current.CancellationToken)).ShouldNotBeNull();
        (await ImportsCalls.WaitAsync(client, import.ImportId)).Records["location_points"].ShouldBe(50);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Uploads a one-part Takeout with <paramref name="fixes"/> location fixes by tus in two pieces and returns the upload's id.</summary>
    private Task<Guid> UploadTakeoutAsync(HttpClient client, int fixes) => TakeoutUploads.UploadAsync(client, _temp, fixes);

    /// <summary>A folder beside the tests' files folder, outside the silo's allowed import root, holding a secret file.</summary>
    private sealed class OutsideFolder : IDisposable
    {
        public OutsideFolder()
        {
            Directory.CreateDirectory(Path);
            File.WriteAllText(System.IO.Path.Combine(Path, "secret.json"), "{}");
        }

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(TestFolders.Root)!, $"outside-{Guid.NewGuid():N}");

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
