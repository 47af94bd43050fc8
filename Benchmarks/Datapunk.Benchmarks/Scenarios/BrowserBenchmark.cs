using Datapunk.Benchmarks.Browser;
using Datapunk.Benchmarks.Harness;
using Datapunk.Client;
using Datapunk.Silo.Storage;
using Datapunk.Testing;
using Datapunk.Testing.Browser;
using Microsoft.Playwright;
using Npgsql;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// The web app at the scale, measured in Debian's headless Chromium: one person with ten years
/// of fixes (10 million) and 2 million other records (<see cref="BrowserPerson"/>, bulk-loaded into a
/// scratch database that <c>--import-keep-db</c> keeps for the next run), the real silo, and a signed-in
/// browser at 1280 × 800. Times the first load's script, a timeline day, the map of a whole year and
/// its pans, and search, each as the page itself sees it (<see cref="BrowserPages"/>): the median of
/// <see cref="Runs"/> runs after <see cref="WarmUps"/> untimed ones.
/// </summary>
internal sealed class BrowserBenchmark : IBenchmark
{
    private const long FullFixes = 10_000_000;
    private const long FullRecords = 2_000_000;
    private const int WarmUps = 2;
    private const int Runs = 5;
    private const string Day = "2023-03-15";
    private const string SearchText = "concert";

    private static readonly TimeSpan SiloReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly Target DayTarget = Target.Below(300);
    private static readonly Target YearMapTarget = Target.Below(1_000);
    private static readonly Target SearchTarget = Target.Below(300);
    private static readonly Target FirstLoadTarget = Target.Below(1_024);

    public string Name => "browser";

    public string Description => "The web app in headless Chromium over 10 M fixes and 2 M records of one person: first load, timeline day, a year's map and its pans, search";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var (fixes, records) = context.Options.Quick ? (500_000L, 100_000L) : (FullFixes, FullRecords);
        var name = $"datapunk_bench_browser_{fixes}_{records}";
        var kept = new NpgsqlConnectionStringBuilder(context.Options.ConnectionString) { Database = name }.ConnectionString;
        var database = await KeptDatabase.HoldsAsync(kept, cancellationToken, ("timeseries.location_points", fixes), ("user_data.records", records))
            ? null
            : await ScratchDatabase.CreateAsync(context.Options.ConnectionString, name, cancellationToken);
        try
        {
            var connectionString = database?.ConnectionString ?? kept;
            await using (var owner = NpgsqlDataSource.Create(connectionString))
            {
                await DatapunkMigrations.ApplyAsync(owner, cancellationToken);
                if (database is not null)
                {
                    database.Keep = context.Options.KeepImportDatabase;
                    await BrowserPerson.LoadAsync(owner, fixes, records, context.Progress, cancellationToken);
                }
                else
                {
                    context.Progress($"measuring {name} again: it holds the {fixes:N0} fixes and {records:N0} records");
                }
            }

            await using var silo = await DatapunkSilo.StartReadyAsync(
                $"{connectionString};Maximum Pool Size={context.Options.DatabasePoolSize}", context.NewClusterId(Name), SiloReadyTimeout,
                cancellationToken, SiloSettings(name), context.Options.LogDirectory);
            using (var admin = new DatapunkGatewayClient(silo.Gateway, silo.AdminToken, TimeSpan.FromSeconds(30)))
            {
                await BrowserPerson.EnsureAccountAsync(admin, silo.Gateway, cancellationToken);
            }

            await MeasureAsync(context, silo.Gateway, fixes, $"{fixes:N0} fixes and {records:N0} other records");
        }
        finally
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// No base tiles (the machine has no internet), and one service id per database: the account's
    /// profile is grain state, which a kept database must still hold for the next run's cluster.
    /// </summary>
    private static Dictionary<string, string> SiloSettings(string database) => new()
    {
        ["Web__BaseTilesUrl"] = "",
        ["Cluster__ServiceId"] = database,
    };

    private static async Task MeasureAsync(BenchmarkContext context, Uri gateway, long fixes, string holding)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(DebianChromium.LaunchOptions());
        await using var session = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.AbsoluteUri,
            TimezoneId = BrowserPerson.TimeZone,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        await BrowserPages.WatchLongTasksAsync(session);
        var page = await session.NewPageAsync();

        // The first visit: the sign-in page, then the first page after signing in (today's timeline with its map).
        var responses = new ConcurrentQueue<IResponse>();
        page.Response += (_, response) => responses.Enqueue(response);
        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var signInPage = await BrowserPages.ScriptsAsync([.. responses]);
        await page.GetByLabel("User name").FillAsync(BrowserPerson.UserName);
        await page.GetByLabel("Password").FillAsync(BrowserPerson.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Timeline" }).WaitForAsync();
        // The first map loads MapLibre's chunk and its worker: the first page's script is counted once the map has come to rest.
        await page.Locator("[data-testid=map][data-idles]").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var firstPage = await BrowserPages.ScriptsAsync([.. responses]);
        await context.ReportAsync(new BenchmarkResult("browser", "first load script over the wire", firstPage.Transferred / 1024.0, "KB", FirstLoadTarget,
            $"signing in and the first page (today's timeline with its map): {firstPage.Files} scripts as the silo sent them (Brotli); " +
            $"the sign-in page alone {signInPage.Transferred / 1024.0:N0} KB in {signInPage.Files} scripts"));
        await context.ReportAsync(new BenchmarkResult("browser", "first load script unpacked", firstPage.Bytes / 1024.0, "KB", null,
            $"the same {firstPage.Files} scripts as the browser parses them (MapLibre's chunk and its worker most of it); the sign-in page alone {signInPage.Bytes / 1024.0:N0} KB"));

        await ReportMedianAsync(context, page, "timeline day", DayTarget, () => BrowserPages.OpenAsync(page, $"/timeline?date={Day}", BrowserPages.TimelineListed),
            $"/timeline?date={Day} until its entries are listed; {holding}");
        await ReportMedianAsync(context, page, "timeline day, every entry", null, () => BrowserPages.OpenAsync(page, $"/timeline?date={Day}", BrowserPages.TimelineComplete),
            $"/timeline?date={Day} until the last of its entries is listed (the page draws the first {TimelineFirstDrawn} in one frame, the rest in the next)");
        await ReportMedianAsync(context, page, "timeline day with its map", null, () => BrowserPages.OpenAsync(page, $"/timeline?date={Day}", BrowserPages.MapDrawn),
            $"/timeline?date={Day} until the day's map has drawn its fixes");
        var entries = await page.GetByTestId("timeline-entries").Locator("li").CountAsync();
        context.Progress($"the day lists {entries} entries");

        await ReportMedianAsync(context, page, "map of a year", YearMapTarget, () => BrowserPages.OpenAsync(page, "/map?from=2023-01-01&to=2023-12-31", BrowserPages.MapDrawn),
            $"/map?from=2023-01-01&to=2023-12-31 ({fixes / 10:N0} fixes) until MapLibre rests with the year's fixes drawn from the vector tiles");
        var pans = new List<(double ToRest, double LongestFrame)>();
        // Sideways: a year's fixes fitted to the map may fill its height, and MapLibre does not pan past the poles.
        foreach (var (dx, dy) in new[] { (-400, 0), (400, 0), (-300, 0), (300, 0), (-400, 0), (400, 0), (-300, 0) })
        {
            pans.Add(await BrowserPages.PanAsync(page, dx, dy));
        }

        var timed = pans.Skip(WarmUps).OrderBy(pan => pan.ToRest).ToList();
        await context.ReportAsync(new BenchmarkResult("browser", "map pan to rest", timed[timed.Count / 2].ToRest, "ms", null,
            $"a 20-step sideways mouse drag of 300-400 px, from pressing the button until MapLibre rests with the new tiles; slowest {timed[^1].ToRest:0} ms; " +
            $"longest gap between two frames during a pan: {pans.Skip(WarmUps).Max(pan => pan.LongestFrame):0} ms ({Runs} pans after {WarmUps})"));

        await ReportMedianAsync(context, page, "search results", SearchTarget,
            () => BrowserPages.OpenAsync(page, $"/search?q={SearchText}", BrowserPages.ResultsListed),
            $"/search?q={SearchText} until the first results are listed (hybrid: full text, fuzzy and semantic with the query embedded by MiniLM)");
    }

    /// <summary>The entries the timeline draws in its first frame (<c>firstDrawn</c> in Silo/Web/src/pages/TimelinePage.tsx).</summary>
    private const int TimelineFirstDrawn = 120;

    private static async Task ReportMedianAsync(BenchmarkContext context, IPage page, string metric, Target? target, Func<Task<double>> open, string details)
    {
        for (var warmUp = 0; warmUp < WarmUps; warmUp++)
        {
            await open();
        }

        var times = new double[Runs];
        for (var run = 0; run < Runs; run++)
        {
            times[run] = await open();
        }

        Array.Sort(times);
        var api = await BrowserPages.ApiTimingsAsync(page);
        var longTasks = await BrowserPages.LongTasksAsync(page);
        await context.ReportAsync(new BenchmarkResult("browser", metric, times[Runs / 2], "ms", target,
            $"{details}; fastest {times[0]:0} ms, slowest {times[^1]:0} ms of {Runs} runs after {WarmUps} untimed, measured in the page from the navigation's start; " +
            $"the last run's API requests: {api}; its main thread's long tasks: {longTasks}"));
    }
}
