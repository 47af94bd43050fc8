using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Reading;
using Datapunk.Cortex.Places;
using Datapunk.Grains;
using Datapunk.Lake.Reading;
using Datapunk.Silo.Storage;
using Datapunk.Testing;
using Npgsql;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// The web app's reads at scale: ten years of one person's fixes (10 million, <see cref="YearOfFixes"/>,
/// COPY into a scratch database), through the readers the user grain serves the routes with. A
/// timeline day (<c>GET /api/v1/timeline?date=</c>); the vector tiles of 2023 that fill a 1280 × 800
/// browser viewport over Germany at zooms 5, 6 and 7, six at a time as a browser fetches them
/// (total time per viewport); and one tile's answer time over all of them (p50, p95).
/// </summary>
internal sealed class MapScaleBenchmark : IBenchmark
{
    private const string User = "bench-map-scale";
    private const long FullFixes = 10_000_000;
    private const int Years = 10;
    private const int Runs = 5;
    private const int BrowserConnections = 6;

    private static readonly Target DayTarget = Target.Below(300);
    private static readonly Target YearMapTarget = Target.Below(1_000);

    public string Name => "map-scale";

    public string Description => "Timeline day and a year's map tiles over 10 M fixes of ten years (COPY into a scratch database): warm answer times";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var fixes = context.Options.Quick ? 500_000 : FullFixes;
        var name = $"datapunk_bench_map_scale_{fixes}";
        var kept = new NpgsqlConnectionStringBuilder(context.Options.ConnectionString) { Database = name }.ConnectionString;
        // A database kept by an earlier run (--import-keep-db) that holds the fixes is measured again as it is.
        var database = await KeptDatabase.HoldsAsync(kept, cancellationToken, ("timeseries.location_points", fixes))
            ? null
            : await ScratchDatabase.CreateAsync(context.Options.ConnectionString, name, cancellationToken);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database?.ConnectionString ?? kept);
            // A kept database gets the migrations written since it was loaded too.
            await DatapunkMigrations.ApplyAsync(dataSource, cancellationToken);
            if (database is not null)
            {
                database.Keep = context.Options.KeepImportDatabase;
                var loading = Stopwatch.StartNew();
                await YearOfFixes.LoadAsync(dataSource, User, fixes, Years, cancellationToken);
                context.Progress($"{fixes:N0} fixes of 2014-2023 loaded and indexed in {loading.Elapsed.TotalSeconds:0} s into {name}");
            }
            else
            {
                context.Progress($"measuring {name} again: it holds the {fixes:N0} fixes");
            }

            await MeasureAsync(context, dataSource, cancellationToken);
        }
        finally
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }

    private static async Task MeasureAsync(BenchmarkContext context, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var timeline = new TimelineReader(dataSource, new LocalZoneSpans(dataSource), new NoPlaceNames());
        await MeasureDayAsync(context, timeline, cancellationToken);

        var tiles = new MapTileReader(dataSource);
        var year = (From: new DateTimeOffset(YearOfFixes.Start), To: new DateTimeOffset(YearOfFixes.Start.AddYears(1)));
        var single = new List<double>();
        foreach (var zoom in new[] { 5, 6, 7 })
        {
            var viewport = new ViewportTiles(51.0, 10.5, zoom, 1280, 800).Tiles();
            await MeasureViewportAsync(context, tiles, zoom, viewport, year, single, cancellationToken);
        }

        single.Sort();
        await context.ReportAsync(new BenchmarkResult("map", "one tile of 2023 p50", single[single.Count / 2], "ms", null,
            $"p95 {single[(int)(single.Count * 0.95)]:0} ms, slowest {single[^1]:0} ms of {single.Count} warm tile reads at zooms 5-7, {BrowserConnections} at a time"));
    }

    private static async Task MeasureDayAsync(BenchmarkContext context, TimelineReader timeline, CancellationToken cancellationToken)
    {
        var query = new TimelineQuery(new DateOnly(2023, 3, 15), new DateOnly(2023, 3, 15), "Europe/Berlin", ReadingLimits.DefaultTimelineEntries, null);
        var times = await TimeAsync(() => timeline.ReadAsync(User, query, cancellationToken));
        var page = await timeline.ReadAsync(User, query, cancellationToken);
        await context.ReportAsync(new BenchmarkResult("map", "timeline day median", times[Runs / 2], "ms", DayTarget,
            $"{page.Entries.Count} entries (fixes summarised per hour); fastest {times[0]:0} ms, slowest {times[^1]:0} ms of {Runs} warm runs"));
    }

    private static async Task MeasureViewportAsync(BenchmarkContext context, MapTileReader reader, int zoom, IReadOnlyList<(int X, int Y)> viewport,
        (DateTimeOffset From, DateTimeOffset To) year, List<double> single, CancellationToken cancellationToken)
    {
        var tiles = new MapTile[viewport.Count];
        var times = await TimeAsync(async () =>
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, viewport.Count), new ParallelOptions { MaxDegreeOfParallelism = BrowserConnections, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var watch = Stopwatch.StartNew();
                    tiles[i] = await reader.ReadAsync(User, new MapTileQuery(zoom, viewport[i].X, viewport[i].Y, year.From, year.To), token);
                    lock (single)
                    {
                        single.Add(watch.Elapsed.TotalMilliseconds);
                    }
                });
            return tiles;
        });
        await context.ReportAsync(new BenchmarkResult("map", $"year viewport z{zoom} median", times[Runs / 2], "ms", YearMapTarget,
            $"{viewport.Count} tiles, {tiles.Sum(tile => tile.Fixes):N0} fixes -> {tiles.Sum(tile => tile.Features):N0} features, "
            + $"{tiles.Sum(tile => tile.Data.Length) / 1024.0:0} KB, largest tile {tiles.Max(tile => tile.Data.Length) / 1024.0:0.0} KB; "
            + $"fastest {times[0]:0} ms, slowest {times[^1]:0} ms of {Runs} warm runs"));
    }

    /// <summary>Two untimed runs warm the caches (the leaves' pages, the plans); then <see cref="Runs"/> timed ones, sorted.</summary>
    private static async Task<double[]> TimeAsync<T>(Func<Task<T>> read)
    {
        await read();
        await read();
        var times = new double[Runs];
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            await read();
            times[run] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }
}
