using System.IO.Compression;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Datapunk.Web.Tests;

/// <summary>
/// One person's way through the app in a real browser against a real silo: sign in, upload a Takeout
/// and watch the import complete, open a day in the timeline and see its fixes drawn on the map,
/// search and open the result's day, ask and follow a citation, rename a place, chart a year, export.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class PersonScenarioTests(WebAppFixture web) : IDisposable
{
    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 120_000 };

    private readonly TempFolder _folder = new();

    [Fact(Timeout = 600_000)]
    public async Task A_person_imports_a_takeout_and_uses_every_page()
    {
        var (name, password) = await web.NewMemberAsync(TestContext.Current.CancellationToken);
        var page = await web.NewPageAsync();
        await page.SignInAsync(name, password);

        // Import: both parts dropped at once go up by tus, the import's progress is pushed until it completes.
        await page.OpenPageAsync("Import");
        await DropFilesAsync(page.GetByTestId("drop-zone"), WebTakeout.Write(_folder));
        var progress = page.GetByTestId("import-progress");
        await Expect(progress).ToHaveAttributeAsync("data-status", "Completed", LongWait);
        await Expect(progress).ToContainTextAsync("records stored");
        await Expect(progress.GetByText("spotify plays: 3")).ToBeVisibleAsync();
        await Expect(progress).ToContainTextAsync("Files: 2 of 2 done.");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Completed" })).ToBeVisibleAsync();
        await page.ShootAsync(web, "02-import");

        // Timeline: the day's hours of fixes and the song, in Berlin time, and the fixes on the map.
        await page.GotoAsync($"/timeline?date={WebTakeout.Day}");
        var entries = page.GetByTestId("timeline-entries");
        await Expect(entries.Locator("li[data-kind=location_points]").First).ToBeVisibleAsync();
        await Expect(entries.GetByText("Radiohead — Reckoner")).ToBeVisibleAsync();
        await Expect(entries.Locator("li", new() { HasText = "Reckoner" }).Locator(".time")).ToHaveTextAsync("11:00");
        await WaitForDrawnPointsAsync(page);
        // Hiding a source hides what it stored and nothing else.
        var sources = page.GetByRole(AriaRole.Group, new() { Name = "Sources shown" });
        await sources.Locator("label", new() { HasText = "spotify" }).Locator("input").UncheckAsync();
        await Expect(entries.GetByText("Radiohead — Reckoner")).ToHaveCountAsync(0);
        await Expect(entries.Locator("li[data-kind=location_points]").First).ToBeVisibleAsync();
        await sources.Locator("label", new() { HasText = "spotify" }).Locator("input").CheckAsync();
        await Expect(entries.GetByText("Radiohead — Reckoner")).ToBeVisibleAsync();
        await entries.Locator("li[data-kind=location_points] button").First.ClickAsync();
        await Expect(entries.Locator("li[aria-current=true]")).ToHaveCountAsync(1);
        await page.ShootAsync(web, "03-timeline");

        // Dark when the system is dark.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor")).ShouldBe("rgb(18, 19, 22)", "the dark palette's background");
        await page.ShootAsync(web, "03-timeline-dark");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });

        // At a phone's width nothing runs off the side.
        await page.SetViewportSizeAsync(375, 800);
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375, "the timeline fits a phone's width");
        await page.ShootAsync(web, "03-timeline-phone");
        await page.SetViewportSizeAsync(1280, 900);

        // Map: a range's fixes drawn.
        await page.GotoAsync("/map?from=2023-01-01&to=2023-01-31");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(" fixes; ");
        await WaitForDrawnPointsAsync(page);
        await page.ShootAsync(web, "04-map");

        // Search: highlighted matches; a result opens its record's day in the timeline.
        await page.OpenPageAsync("Search");
        await page.GetByLabel("Search for").FillAsync(WebTakeout.Song);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var item = page.GetByTestId("search-results").GetByRole(AriaRole.Listitem).Filter(new() { HasText = WebTakeout.Song });
        await Expect(item.Locator("mark").First).ToHaveTextAsync(WebTakeout.Song);
        var result = item.GetByRole(AriaRole.Link);
        await page.ShootAsync(web, "05-search");
        await result.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/timeline\\?date={WebTakeout.Day}&record=spotify_plays"));
        await Expect(page.GetByTestId("timeline-entries").Locator("li[aria-current=true]")).ToContainTextAsync(WebTakeout.Song);

        // Ask: the answer and its citations; a citation opens its record in the timeline.
        await page.OpenPageAsync("Ask");
        await page.GetByLabel("Question").FillAsync(WebTakeout.Question);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        await Expect(page.GetByTestId("answer")).ToContainTextAsync("2 Spotify plays in 2023");
        var citations = page.GetByTestId("citations").GetByRole(AriaRole.Link);
        await Expect(citations).ToHaveCountAsync(2);
        await page.ShootAsync(web, "06-ask");
        await citations.Filter(new() { HasText = "Nude" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/timeline\\?date=2023-01-05&record=spotify_plays"));
        await Expect(page.GetByTestId("timeline-entries").Locator("li[aria-current=true]")).ToContainTextAsync("Nude");

        // Places: found after the import (the places model trains in the background); rename one.
        await page.GotoAsync("/places");
        var place = await FirstPlaceAsync(page);
        await place.GetByLabel("Name").FillAsync("Iron Temple");
        await place.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Renamed" })).ToHaveTextAsync("Renamed to Iron Temple.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Iron Temple" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Iron Temple" })).ToBeVisibleAsync();
        await WaitForDrawnAsync(page, "renderedPlaces");
        await page.ShootAsync(web, "07-places");

        // Split it by time: its stays from 12 January on become a new place beside it.
        var placesBefore = await page.GetByTestId("place").CountAsync();
        var temple = page.GetByTestId("place").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Iron Temple" }) });
        await temple.GetByLabel("Day", new() { Exact = true }).FillAsync("2023-01-12");
        await temple.GetByRole(AriaRole.Button, new() { Name = "Split", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Split" })).ToHaveTextAsync("Split: the stays from that day on are a new place.");
        await Expect(page.GetByTestId("place")).ToHaveCountAsync(placesBefore + 1);

        // Stats: a year of daily fixes as a chart.
        await page.GotoAsync("/stats");
        await page.GetByLabel("Year ending").FillAsync("2023-06-30");
        await Expect(page.GetByText(new Regex("^Total over the year: [1-9][0-9,]* fixes\\.$"))).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart").Locator("canvas")).ToBeVisibleAsync();
        await page.ShootAsync(web, "08-stats");

        // Catalog: the import filled it in the background; a dataset shows its eight quality measures.
        var datasets = page.GetByTestId("datasets");
        for (var attempt = 0; attempt < 30 && !await datasets.IsVisibleAsync(); attempt++)
        {
            await page.GotoAsync("/catalog");
            await page.WaitForTimeoutAsync(1_000);
        }

        await Expect(datasets.Locator("tr[data-dataset^='records:']").First).ToBeVisibleAsync();
        await datasets.Locator("tr[data-dataset^='records:'] a").First.ClickAsync();
        await Expect(page.GetByTestId("quality").Locator("tbody tr")).ToHaveCountAsync(8);
        await page.ShootAsync(web, "08b-catalog");

        // Privacy: the export is written, downloaded and holds the person's records; the trail shows the reads.
        await page.OpenPageAsync("Privacy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Export my data" }).ClickAsync();
        await Expect(page.GetByTestId("export-status")).ToHaveAttributeAsync("data-state", "Ready", LongWait);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the zip" }).ClickAsync());
        var zip = _folder.File("export.zip");
        await download.SaveAsAsync(zip);
        using (var archive = ZipFile.OpenRead(zip))
        {
            var entryNames = archive.Entries.Select(entry => entry.FullName).ToList();
            entryNames.ShouldContain(entry => entry.Contains("spotify_plays", StringComparison.Ordinal), string.Join(", ", entryNames));
        }

        // The same export to share: its manifest says its text is masked.
        await page.GetByTestId("export-masked").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Export my data" }).ClickAsync();
        await Expect(page.GetByTestId("export-status")).ToHaveAttributeAsync("data-state", "Ready", LongWait);
        var shared = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the zip" }).ClickAsync());
        var sharedZip = _folder.File("shared.zip");
        await shared.SaveAsAsync(sharedZip);
        using (var archive = ZipFile.OpenRead(sharedZip))
        using (var manifest = new StreamReader(archive.GetEntry("manifest.json").ShouldNotBeNull().Open()))
        {
            (await manifest.ReadToEndAsync(TestContext.Current.CancellationToken)).ShouldContain("\"pii_masked\": true");
        }

        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "timeline.read" }).First).ToBeVisibleAsync();
        await page.ShootAsync(web, "09-privacy");

        // Tokens: one made for a program, shown once.
        await page.OpenPageAsync("Tokens");
        await page.GetByLabel("Name").FillAsync("laptop script");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(page.GetByTestId("new-token")).ToHaveTextAsync(new Regex("^dpat_"));
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "laptop script", Exact = true })).ToBeVisibleAsync();
        await page.ShootAsync(web, "11-tokens");
    }

    private static Task WaitForDrawnPointsAsync(IPage page) => WaitForDrawnAsync(page, "renderedPoints");

    /// <summary>Drops files on an element as a person dragging them from a file manager does (a drop event carrying them).</summary>
    private static async Task DropFilesAsync(ILocator target, string[] paths)
    {
        var files = paths.Select(path => new { name = Path.GetFileName(path), data = Convert.ToBase64String(File.ReadAllBytes(path)) }).ToArray();
        var transfer = await target.Page.EvaluateHandleAsync(
            """
            files => {
              const transfer = new DataTransfer();
              for (const file of files) {
                const bytes = Uint8Array.from(atob(file.data), c => c.charCodeAt(0));
                transfer.items.add(new File([bytes], file.name, { type: "application/zip" }));
              }
              return transfer;
            }
            """, files);
        await target.DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await target.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
    }

    /// <summary>Waits until MapLibre reports the user's points or places drawn (MapView sets data-rendered-points and -places after each draw).</summary>
    private static async Task WaitForDrawnAsync(IPage page, string counter) =>
        await page.WaitForFunctionAsync(
            $"() => Number(document.querySelector('[data-testid=map]')?.dataset.{counter}) > 0",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });

    /// <summary>The places page lists places once the places model has trained; until then it is reloaded.</summary>
    private static async Task<ILocator> FirstPlaceAsync(IPage page)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var places = page.GetByTestId("place");
        while (await places.CountAsync() == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the places model to have found the synthetic person's places after the import");
            await page.WaitForTimeoutAsync(2000);
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Places" }).WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        return places.First;
    }

    public void Dispose() => _folder.Dispose();
}
