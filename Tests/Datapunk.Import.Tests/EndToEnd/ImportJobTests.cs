using System.Net;
using Datapunk.Client;

namespace Datapunk.Import.Tests.EndToEnd;

/// <summary>The import job grain through the gateway: live progress, listing, cancellation and refused requests.</summary>
[Collection(SiloCollection.Name)]
public sealed class ImportJobTests(SiloFixture silo) : IDisposable
{
    private const string RecordsPath = "Takeout/Location History (Timeline)/Records.json";

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task A_running_import_reports_files_bytes_records_and_rate_and_is_listed_newest_first()
    {
        var user = ImportDatabase.NewUser("progress");
        var small = ArchiveBuilder.Zip(_temp.File("small/takeout-001.zip"), (RecordsPath, LocationHistoryWriter.Bytes((0, 1_000))));
        var large = ArchiveBuilder.Zip(_temp.File("large/takeout-001.zip"), (RecordsPath, LocationHistoryWriter.Bytes((0, 400_000))));
        var first = await ImportRunner.ImportAsync(silo, user, small);
        using var client = await silo.NewClientAsync(user);

        var started = await client.StartImportOfPathsAsync([large], TestContext.Current.CancellationToken);
        var running = await Deadlines.PollAsync(
            token => client.GetImportAsync(started.ImportId, token),
            progress => progress.Status == ImportState.Parsing && progress.Records["location_points"] > 0,
            "the large import to have merged some fixes",
            progress => $"{progress?.Status}, {progress?.Records["location_points"]} fixes",
            Deadlines.Import);
        var listedWhileRunning = await client.ListImportsAsync(TestContext.Current.CancellationToken);
        var finished = await ImportRunner.WaitAsync(client, started.ImportId, () => silo.OutputTail);
        var listed = await client.ListImportsAsync(TestContext.Current.CancellationToken);

        running.Files.Total.ShouldBe(1);
        running.BytesTotal.ShouldNotBeNull().ShouldBeGreaterThan(running.BytesDone);
        running.CurrentFile.ShouldBe($"takeout-001.zip!{RecordsPath}");
        running.StartedAt.ShouldNotBeNull();
        listedWhileRunning.Select(import => import.ImportId).ShouldBe([started.ImportId, first.ImportId]);
        listedWhileRunning[0].Status.IsFinished().ShouldBeFalse();
        finished.Status.ShouldBe(ImportState.Completed, finished.Message);
        finished.Records["location_points"].ShouldBe(399_000, "the first 1,000 fixes were imported before");
        listed.Select(import => (import.ImportId, import.Status)).ShouldBe([(started.ImportId, ImportState.Completed), (first.ImportId, ImportState.Completed)]);
        listed[0].Records["location_points"].ShouldBe(399_000);
    }

    [Fact]
    public async Task While_an_import_runs_another_of_the_same_user_is_refused_and_cancelling_keeps_what_it_stored()
    {
        var user = ImportDatabase.NewUser("cancel");
        var zip = ArchiveBuilder.Zip(_temp.File("takeout-001.zip"), (RecordsPath, LocationHistoryWriter.Bytes((0, 600_000))));
        using var client = await silo.NewClientAsync(user);
        using var other = await silo.NewClientAsync(ImportDatabase.NewUser("cancel-other"));
        var started = await client.StartImportOfPathsAsync([zip], TestContext.Current.CancellationToken);
        await Deadlines.PollAsync(
            token => client.GetImportAsync(started.ImportId, token),
            progress => progress.Records["location_points"] > 0,
            "the import to have merged some fixes",
            progress => $"{progress?.Status}",
            Deadlines.Import);
        var refused = await Should.ThrowAsync<DatapunkApiException>(() => client.StartImportOfPathsAsync([zip], TestContext.Current.CancellationToken));
        var otherUser = await other.StartImportOfPathsAsync([zip], TestContext.Current.CancellationToken);

        var cancelled = await client.CancelImportAsync(started.ImportId, TestContext.Current.CancellationToken);
        await other.CancelImportAsync(otherUser.ImportId, TestContext.Current.CancellationToken);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, "one import per user runs at a time");
        refused.Problem.ShouldContain(started.ImportId.ToString());

        cancelled.Status.ShouldBe(ImportState.Cancelled);
        cancelled.Records["location_points"].ShouldBeInRange(1, 599_999);
        cancelled.Files.Failed.ShouldBe(1, "the entry being read when the import was cancelled");
        cancelled.Errors.ShouldHaveSingleItem().Message.ShouldContain("cancelled");
        (await ImportDatabase.CountsAsync(user))["location_points"].ShouldBe(cancelled.Records["location_points"]);
        (await client.GetImportAsync(started.ImportId, TestContext.Current.CancellationToken)).Status.ShouldBe(ImportState.Cancelled);
        var afterwards = await ImportRunner.ImportAsync(silo, user, ArchiveBuilder.Zip(_temp.File("later/takeout-001.zip"), (RecordsPath, LocationHistoryWriter.Bytes((0, 10)))));
        afterwards.Status.ShouldBe(ImportState.Completed, "the cancelled import no longer holds the user");
    }

    [Fact]
    public async Task Relative_paths_and_paths_outside_the_import_roots_are_refused_and_unknown_imports_are_not_found()
    {
        using var client = await silo.NewClientAsync(ImportDatabase.NewUser("refused"));

        var relative = await Should.ThrowAsync<DatapunkApiException>(
            () => client.StartImportOfPathsAsync(["takeout.zip"], TestContext.Current.CancellationToken));
        var outside = await Should.ThrowAsync<DatapunkApiException>(
            () => client.StartImportOfPathsAsync(["/etc/passwd"], TestContext.Current.CancellationToken));
        var unknown = await Should.ThrowAsync<DatapunkApiException>(
            () => client.GetImportAsync(Guid.NewGuid(), TestContext.Current.CancellationToken));

        relative.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        relative.Problem.ShouldContain("absolute");
        outside.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        outside.Problem.ShouldContain("'/etc/passwd' is outside the server-side import folders");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public void Dispose() => _temp.Dispose();
}
