using Datapunk.Silo.Storage;
using Datapunk.Testing;
using Npgsql;

namespace Datapunk.Benchmarks.Harness;

/// <summary>What a running benchmark gets: the options, fresh clusters, the database and a place to report to.</summary>
internal sealed class BenchmarkContext(BenchmarkOptions options, ResultsFile results, TextWriter output) : IAsyncDisposable
{
    private readonly AllocationProfile? _allocations = options.AllocationProfile ? new AllocationProfile() : null;
    private readonly List<string> _clusterIds = [];
    private readonly List<BenchmarkResult> _reported = [];
    private bool _migrated;

    public BenchmarkOptions Options { get; } = options;

    public TextWriter Output { get; } = output;

    /// <summary>The benchmark database, for the harness's own reads (membership, cleanup).</summary>
    public TestDatabase Database { get; } = new("datapunk-benchmarks", maxPoolSize: 4);

    public IReadOnlyList<string> ClusterIds => _clusterIds;

    public IReadOnlyList<BenchmarkResult> Reported => _reported;

    /// <summary>
    /// A cluster id no other run uses (also the cluster's service id, so its grain state is its own), after
    /// bringing the database's schema up to date once: Orleans' tables come from the silo's migrations.
    /// </summary>
    public async Task<string> NewClusterAsync(string benchmark, CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await using var dataSource = NpgsqlDataSource.Create(Options.ConnectionString);
            await DatapunkMigrations.ApplyAsync(dataSource, cancellationToken);
            _migrated = true;
        }

        return NewClusterId(benchmark);
    }

    /// <summary>A cluster id no other run uses, for a silo that brings its own schema (the import benchmark's).</summary>
    public string NewClusterId(string benchmark)
    {
        var id = $"bench-{benchmark}-{Guid.NewGuid():N}";
        _clusterIds.Add(id);
        return id;
    }

    /// <summary>The caller concurrency levels to try: the command line's, else the benchmark's own.</summary>
    public int[] ConcurrencyLevels(int[] full, int[] quick) => Options.Concurrency ?? (Options.Quick ? quick : full);

    /// <summary>Runs one measured phase; with --alloc-profile, also prints what it allocated per operation, by type.</summary>
    public async Task<PhaseResult> MeasureAsync(Func<Task<PhaseResult>> phase)
    {
        if (_allocations is null)
        {
            return await phase();
        }

        _allocations.Start();
        var result = await phase();
        foreach (var (type, bytes) in await _allocations.StopAsync(top: 12))
        {
            Progress($"    allocates ~{bytes / (double)Math.Max(1, result.Operations),7:0.0} B/op  {type}");
        }

        return result;
    }

    /// <summary>Deletes the rows the run's clusters left in Orleans' tables (membership, grain state, reminders).</summary>
    public async Task DeleteClustersAsync()
    {
        foreach (var clusterId in _clusterIds)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await Database.DeleteClusterAsync(clusterId, timeout.Token);
            }
            catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"Could not delete the rows of benchmark cluster {clusterId}: {exception.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _allocations?.Dispose();
        await Database.DisposeAsync();
    }

    public void Progress(string line) => Output.WriteLine($"  {line}");

    public async Task ReportAsync(BenchmarkResult result)
    {
        _reported.Add(result);
        Output.WriteLine($"RESULT {result.Describe()}");
        await results.AppendAsync(result);
    }
}
