using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Reading;
using Datapunk.Lake.Catalog;
using Datapunk.Silo.Storage;
using Datapunk.Testing;
using Npgsql;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// A catalog refresh at scale (docs/catalog.md, "Quality"): ten years of one person's fixes (10 million,
/// <see cref="YearOfFixes"/>, COPY into a scratch database), refreshed as the catalog grain does: the grouping pass
/// that finds the datasets, the schema sample, the eight quality measures over the newest window and the home
/// location. The fixes are COPYed without a file row, so they form the "unresolved" dataset, whose integrity
/// measure fails every row of its window: the most failing rows a refresh collects.
/// </summary>
internal sealed class CatalogScaleBenchmark : IBenchmark
{
    private const string User = "bench-catalog-scale";
    private const long FullFixes = 10_000_000;
    private const int Runs = 3;

    private static readonly Target RefreshTarget = Target.Below(60_000);

    public string Name => "catalog-scale";

    public string Description => "One catalog refresh over 10 M fixes of ten years (COPY into a scratch database)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var fixes = context.Options.Quick ? 500_000 : FullFixes;
        await using var database = await ScratchDatabase.CreateAsync(context.Options.ConnectionString, $"datapunk_bench_catalog_scale_{fixes}", cancellationToken);
        database.Keep = context.Options.KeepImportDatabase;
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await DatapunkMigrations.ApplyAsync(dataSource, cancellationToken);
        var loading = Stopwatch.StartNew();
        await YearOfFixes.LoadAsync(dataSource, User, fixes, 10, cancellationToken);
        context.Progress($"{fixes:N0} fixes of 2014-2023 loaded and indexed in {loading.Elapsed.TotalSeconds:0} s");

        var requests = new CatalogRefreshRequests(dataSource);
        var refresher = new CatalogRefresher(dataSource, requests, TimeProvider.System);
        var times = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            await requests.RequestAsync(User, "benchmark", cancellationToken);
            times.Add((await refresher.RefreshAsync(User, cancellationToken)).TotalMilliseconds);
        }

        times.Sort();
        var catalog = await new CatalogReader(dataSource).ListAsync(User, cancellationToken);
        await context.ReportAsync(new BenchmarkResult("catalog", "refresh median", times[Runs / 2], "ms", RefreshTarget,
            $"{catalog.Datasets.Sum(dataset => dataset.Rows):N0} rows in {catalog.Datasets.Count} dataset(s); slowest {times[^1]:0} ms, fastest {times[0]:0} ms of {Runs} runs"));
    }
}
