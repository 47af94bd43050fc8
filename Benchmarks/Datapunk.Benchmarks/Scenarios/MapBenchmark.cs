using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Reading;
using Datapunk.Grains;
using Datapunk.Lake.Reading;
using Datapunk.Silo.Storage;
using Datapunk.Testing;
using Npgsql;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// The map's points for a year of one person's fixes (<see cref="YearOfFixes"/>, loaded into a
/// scratch database), through the reader the user grain serves <c>GET /api/v1/map/points</c> with:
/// warm answer times for the whole year in a box around the world, around the city and around one
/// district, and for one day, each simplified to at most 5,000 points.
/// </summary>
internal sealed class MapBenchmark : IBenchmark
{
    private const string User = "bench-map";
    private const int FullFixes = 1_500_000;
    private const int Runs = 10;

    private static readonly Target YearTarget = Target.Below(1_000);

    private static readonly BoundingBox World = new(-180, -90, 180, 90);
    private static readonly BoundingBox Berlin = new(13.0, 52.3, 13.8, 52.7);
    private static readonly BoundingBox Mitte = new(13.36, 52.49, 13.44, 52.54);

    public string Name => "map";

    public string Description => "Map points of a year of fixes (1.5 M, COPY into a scratch database): warm answer time, ≤ 5,000 points";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var fixes = context.Options.Quick ? 200_000 : FullFixes;
        await using var database = await ScratchDatabase.CreateAsync(
            context.Options.ConnectionString, $"datapunk_bench_map_{Guid.NewGuid():N}"[..36], cancellationToken);
        // --import-keep-db keeps this scratch database too, to look at the plans afterwards.
        database.Keep = context.Options.KeepImportDatabase;
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await DatapunkMigrations.ApplyAsync(dataSource, cancellationToken);
        var loading = Stopwatch.StartNew();
        await YearOfFixes.LoadAsync(dataSource, User, fixes, cancellationToken);
        context.Progress($"{fixes:N0} fixes of 2023 loaded and indexed in {loading.Elapsed.TotalSeconds:0.0} s into {database.Name}");

        var reader = new MapPointsReader(dataSource);
        var year = (new DateTimeOffset(YearOfFixes.Start), new DateTimeOffset(YearOfFixes.Start.AddYears(1)));
        var day = (new DateTimeOffset(2023, 3, 15, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2023, 3, 16, 0, 0, 0, TimeSpan.Zero));
        await MeasureAsync(context, reader, "year, world box", new MapQuery(World, year.Item1, year.Item2, ReadingLimits.DefaultMapPoints), YearTarget, cancellationToken);
        await MeasureAsync(context, reader, "year, city box", new MapQuery(Berlin, year.Item1, year.Item2, ReadingLimits.DefaultMapPoints), YearTarget, cancellationToken);
        await MeasureAsync(context, reader, "year, district box", new MapQuery(Mitte, year.Item1, year.Item2, ReadingLimits.DefaultMapPoints), YearTarget, cancellationToken);
        await MeasureAsync(context, reader, "one day, city box", new MapQuery(Berlin, day.Item1, day.Item2, ReadingLimits.DefaultMapPoints), null, cancellationToken);
    }

    private static async Task MeasureAsync(
        BenchmarkContext context, MapPointsReader reader, string name, MapQuery query, Target? target, CancellationToken cancellationToken)
    {
        // Two answers warm the caches (the leaves' pages, the plan); then each run is timed.
        MapPoints answer = await reader.ReadAsync(User, query, cancellationToken);
        await reader.ReadAsync(User, query, cancellationToken);
        var times = new double[Runs];
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            answer = await reader.ReadAsync(User, query, cancellationToken);
            times[run] = watch.Elapsed.TotalMilliseconds;
        }

        if (answer.Points.Count > query.Limit)
        {
            throw new InvalidOperationException($"{name}: {answer.Points.Count} points, more than the limit of {query.Limit}.");
        }

        Array.Sort(times);
        var how = answer.Simplification is { } grid ? $"grid {grid.Columns}×{grid.Rows}" : "not simplified";
        await context.ReportAsync(new BenchmarkResult("map", $"{name} median", times[Runs / 2], "ms", target,
            $"{answer.Fixes:N0} fixes -> {answer.Points.Count:N0} points ({how}); fastest {times[0]:0} ms, slowest {times[^1]:0} ms of {Runs} warm runs"));
    }
}
