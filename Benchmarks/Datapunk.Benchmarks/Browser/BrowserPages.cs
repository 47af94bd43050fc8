using System.Text.Json;
using Microsoft.Playwright;

namespace Datapunk.Benchmarks.Browser;

/// <summary>
/// What the browser benchmark times, in the page itself: each figure is <c>performance.now()</c> at the
/// first animation frame in which the page shows what was asked for, so it counts from the start of the
/// navigation (a full load of the app's page: its HTML, its scripts from the browser's cache, the API
/// calls and the drawing) and carries no round trip to the benchmark process.
/// </summary>
internal static class BrowserPages
{
    /// <summary>The timeline's entries are listed.</summary>
    public const string TimelineListed = "() => document.querySelector('[data-testid=timeline-entries] li') ? performance.now() : null";

    /// <summary>Every entry of the timeline is listed, not only its first screenfuls.</summary>
    public const string TimelineComplete = "() => document.querySelector('[data-testid=timeline-entries][data-complete] li') ? performance.now() : null";

    /// <summary>Search results are listed.</summary>
    public const string ResultsListed = "() => document.querySelector('[data-testid=search-results] li') ? performance.now() : null";

    /// <summary>MapLibre came to rest with some of the user's fixes drawn (what <c>MapView</c> counts on each idle).</summary>
    public const string MapDrawn =
        "() => { const m = document.querySelector('[data-testid=map]'); return m && Number(m.dataset.renderedPoints) > 0 ? performance.now() : null; }";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>Opens <paramref name="path"/> and returns the milliseconds from the navigation's start until <paramref name="ready"/> holds.</summary>
    public static async Task<double> OpenAsync(IPage page, string path, string ready)
    {
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = (float)Patience.TotalMilliseconds });
        return await FrameWhenAsync(page, ready);
    }

    /// <summary>
    /// Drags the map by (<paramref name="dx"/>, <paramref name="dy"/>) pixels the way a mouse does and
    /// returns the milliseconds from pressing the button until MapLibre rests again with the new tiles
    /// drawn, and the longest gap between two frames the page drew meanwhile (a stall shows there).
    /// </summary>
    public static async Task<(double ToRest, double LongestFrame)> PanAsync(IPage page, int dx, int dy)
    {
        var map = page.GetByTestId("map");
        var box = await map.BoundingBoxAsync() ?? throw new InvalidOperationException("The map has no box on the page.");
        var idles = int.Parse(await map.GetAttributeAsync("data-idles") ?? "0", CultureInfo.InvariantCulture);
        await page.EvaluateAsync("""
            () => {
              window.benchFrames = [];
              const tick = (time) => { if (window.benchFrames) { window.benchFrames.push(time); requestAnimationFrame(tick); } };
              requestAnimationFrame(tick);
              window.benchPanStart = performance.now();
            }
            """);
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + dx, y + dy, new MouseMoveOptions { Steps = 20 });
        await page.Mouse.UpAsync();
        double rested;
        try
        {
            rested = await FrameWhenAsync(page,
                $"() => {{ const m = document.querySelector('[data-testid=map]'); return Number(m.dataset.idles) > {idles} ? performance.now() : null; }}");
        }
        catch (TimeoutException)
        {
            var state = await page.EvaluateAsync<string>("() => { const m = document.querySelector('[data-testid=map]'); return JSON.stringify(m.dataset) + ' maps: ' + document.querySelectorAll('[data-testid=map]').length; }");
            throw new TimeoutException($"The map did not come to rest after a drag by ({dx}, {dy}) from ({x:0}, {y:0}), {idles} idles before: {state}");
        }

        var frames = await page.EvaluateAsync<double[]>("() => { const f = window.benchFrames; window.benchFrames = null; return f; }");
        var start = await page.EvaluateAsync<double>("() => window.benchPanStart");
        var longest = frames.Zip(frames.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();
        return (rested - start, longest);
    }

    /// <summary>
    /// The API requests of the page's last load as the browser's resource timing has them: each one's
    /// path, when it started after the navigation's start and how long it took (slowest first), so a
    /// figure says how much of it was the silo's answer.
    /// </summary>
    public static async Task<string> ApiTimingsAsync(IPage page)
    {
        var found = await page.EvaluateAsync<JsonElement>("""
            () => performance.getEntriesByType('resource')
              .filter(e => new URL(e.name).pathname.startsWith('/api/'))
              .map(e => ({ path: new URL(e.name).pathname, start: e.startTime, duration: e.duration }))
            """);
        var entries = found.EnumerateArray()
            .Select(entry => new ApiTiming(entry.GetProperty("path").GetString()!, entry.GetProperty("start").GetDouble(), entry.GetProperty("duration").GetDouble()))
            .ToArray();
        return entries.Length == 0
            ? "no API requests"
            : string.Join(", ", entries.OrderByDescending(entry => entry.Duration).Take(4)
                .Select(entry => string.Create(CultureInfo.InvariantCulture, $"{entry.Path} {entry.Duration:0} ms from {entry.Start:0} ms")))
              + (entries.Length > 4 ? $" (of {entries.Length} API requests)" : "");
    }

    /// <summary>
    /// Records the main thread's long tasks (over 50 ms, the browser's Long Tasks API) of every page the
    /// context opens, from before the page's own scripts run; <see cref="LongTasksAsync"/> reads them.
    /// </summary>
    public static Task WatchLongTasksAsync(IBrowserContext context) => context.AddInitScriptAsync("""
        window.benchLongTasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.benchLongTasks.push([e.startTime, e.duration]); })
          .observe({ type: 'longtask', buffered: true });
        """);

    /// <summary>The main thread's long tasks of the page's last load: when each began after the navigation's start and how long it ran.</summary>
    public static async Task<string> LongTasksAsync(IPage page)
    {
        var tasks = await page.EvaluateAsync<double[][]>("() => window.benchLongTasks || []");
        return tasks.Length == 0
            ? "no long tasks"
            : string.Join(", ", tasks.Select(task => string.Create(CultureInfo.InvariantCulture, $"{task[1]:0} ms from {task[0]:0} ms")));
    }

    /// <summary>The script a page load fetched: what the scripts weigh unpacked, and what came over the wire.</summary>
    public static async Task<(long Bytes, long Transferred, int Files)> ScriptsAsync(IReadOnlyList<IResponse> responses)
    {
        long bytes = 0, transferred = 0;
        var files = 0;
        foreach (var response in responses.Where(response => response.Request.ResourceType == "script"))
        {
            bytes += (await response.BodyAsync()).Length;
            transferred += (await response.Request.SizesAsync()).ResponseBodySize;
            files++;
        }

        return (bytes, transferred, files);
    }

    private static async Task<double> FrameWhenAsync(IPage page, string ready)
    {
        var handle = await page.WaitForFunctionAsync(ready, null, new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds });
        return await handle.JsonValueAsync<double>();
    }

    private sealed record ApiTiming(string Path, double Start, double Duration);
}
