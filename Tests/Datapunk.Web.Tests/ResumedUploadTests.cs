using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using static Microsoft.Playwright.Assertions;

namespace Datapunk.Web.Tests;

/// <summary>
/// The import page's uploads survive what happens to uploads of large exports: a connection lost while
/// a piece is sent, an answer lost after the piece arrived, a tab closed part-way. Playwright cuts the
/// page's own requests to the silo (<c>route.AbortAsync</c>), so the real tus client in the page and the
/// real server recover, and the import's records are then counted.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ResumedUploadTests(WebAppFixture web) : IDisposable
{
    /// <summary>The web app's piece size (<c>pieceBytes</c> in Silo/Web/src/api/uploads.ts).</summary>
    private const long PieceBytes = 8 * 1024 * 1024;

    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 120_000 };

    private readonly TempFolder _folder = new();

    [Fact(Timeout = 240_000)]
    public async Task Pieces_whose_connection_or_answer_is_lost_are_sent_again_from_the_servers_offset()
    {
        var (archive, fixes) = LargeTakeout("takeout-retried.zip");
        var (name, password) = await web.NewMemberAsync(TestContext.Current.CancellationToken);
        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);
        await page.OpenPageAsync("Import");

        // The second piece's connection fails before the server sees it; the third piece reaches the
        // server, which keeps it, but its answer is lost on the way back.
        var patches = new ConcurrentQueue<long>();
        var heads = 0;
        var cut = 0;
        await page.RouteAsync("**/api/v1/uploads/*", async route =>
        {
            var request = route.Request;
            if (request.Method == "HEAD")
            {
                Interlocked.Increment(ref heads);
                await route.ContinueAsync();
                return;
            }

            if (request.Method != "PATCH")
            {
                await route.ContinueAsync();
                return;
            }

            var offset = long.Parse(request.Headers["upload-offset"], CultureInfo.InvariantCulture);
            patches.Enqueue(offset);
            if (offset == PieceBytes && Interlocked.CompareExchange(ref cut, 1, 0) == 0)
            {
                await route.AbortAsync("connectionreset");
            }
            else if (offset == 2 * PieceBytes && Interlocked.CompareExchange(ref cut, 2, 1) == 1)
            {
                var answered = await route.FetchAsync();
                answered.Status.ShouldBe(204, "the server keeps the third piece");
                await route.AbortAsync("connectionreset");
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await page.GetByLabel("choose files").SetInputFilesAsync(archive);

        var progress = page.GetByTestId("import-progress");
        await Expect(progress).ToHaveAttributeAsync("data-status", "Completed", LongWait);
        await Expect(progress).ToContainTextAsync($"location points: {fixes:N0}");
        // Sent: the first piece, the second twice (its connection failed), the third once (its answer was
        // lost: the server's offset says it arrived, so it is not sent again), then the rest once each.
        var pieces = (new FileInfo(archive).Length + PieceBytes - 1) / PieceBytes;
        patches.ToArray().ShouldBe([0, PieceBytes, PieceBytes, .. Enumerable.Range(2, (int)pieces - 2).Select(piece => piece * PieceBytes)]);
        heads.ShouldBe(2, "after each failure the page asks the server how much it kept");
        await page.ShootAsync(web, "02-import-retried-upload");
    }

    [Fact(Timeout = 240_000)]
    public async Task An_upload_stopped_part_way_goes_on_from_the_server_when_the_file_is_chosen_again()
    {
        var (archive, fixes) = LargeTakeout("takeout-resumed.zip");
        var (name, password) = await web.NewMemberAsync(TestContext.Current.CancellationToken);
        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);
        await page.OpenPageAsync("Import");

        // The network is gone after the first piece: every later piece fails until the page gives up.
        var patches = new ConcurrentQueue<long>();
        var offline = true;
        await page.RouteAsync("**/api/v1/uploads/*", async route =>
        {
            if (route.Request.Method == "PATCH")
            {
                var offset = long.Parse(route.Request.Headers["upload-offset"], CultureInfo.InvariantCulture);
                patches.Enqueue(offset);
                if (offline && offset > 0)
                {
                    await route.AbortAsync("internetdisconnected");
                    return;
                }
            }

            await route.ContinueAsync();
        });
        await page.GetByLabel("choose files").SetInputFilesAsync(archive);
        var uploads = page.GetByRole(AriaRole.Region, new() { Name = "Uploads" });
        await Expect(uploads).ToContainTextAsync($"stopped at {PieceBytes} of {new FileInfo(archive).Length} bytes", new() { Timeout = 90_000 });
        patches.Count(offset => offset == PieceBytes).ShouldBe(6, "each piece is tried six times before the upload stops");
        await page.ShootAsync(web, "02-import-upload-stopped");

        // Back online, the page reloaded (a closed tab is the same): choosing the file again sends only what the server lacks.
        offline = false;
        await page.ReloadAsync();
        patches.Clear();
        await page.GetByLabel("choose files").SetInputFilesAsync(archive);

        var progress = page.GetByTestId("import-progress");
        await Expect(progress).ToHaveAttributeAsync("data-status", "Completed", LongWait);
        await Expect(progress).ToContainTextAsync($"location points: {fixes:N0}");
        patches.TryPeek(out var first).ShouldBeTrue();
        first.ShouldBe(PieceBytes, "the upload goes on from the server's offset, not from the start");
    }

    /// <summary>
    /// A Takeout of a few pieces: Records.json stored without compression, so the zip weighs what its
    /// fixes do (over two pieces); answers its path and its number of fixes.
    /// </summary>
    private (string Path, int Fixes) LargeTakeout(string fileName)
    {
        for (var weeks = 8; ; weeks *= 2)
        {
            var person = new SyntheticPerson(weeks);
            using var records = new MemoryStream();
            person.WriteRecordsJson(records);
            if (records.Length > 2.5 * PieceBytes)
            {
                var path = ArchiveBuilder.Zip(_folder.File(fileName), CompressionLevel.NoCompression, ("Takeout/Location History/Records.json", records.ToArray()));
                return (path, person.Fixes().Count());
            }
        }
    }

    public void Dispose() => _folder.Dispose();
}
