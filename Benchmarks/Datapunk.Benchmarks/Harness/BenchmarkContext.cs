namespace Datapunk.Benchmarks.Harness;

/// <summary>What a running benchmark gets: the options, fresh cluster ids and a place to report to.</summary>
internal sealed class BenchmarkContext(BenchmarkOptions options, ResultsFile results, TextWriter output) : IDisposable
{
    private readonly AllocationProfile? _allocations = options.AllocationProfile ? new AllocationProfile() : null;
    private readonly List<string> _clusterIds = [];
    private readonly List<BenchmarkResult> _reported = [];

    public BenchmarkOptions Options { get; } = options;

    public TextWriter Output { get; } = output;

    public IReadOnlyList<string> ClusterIds => _clusterIds;

    public IReadOnlyList<BenchmarkResult> Reported => _reported;

    /// <summary>A cluster id no other run uses, so concurrent runs and test suites never share partitions.</summary>
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

    public void Dispose() => _allocations?.Dispose();

    public void Progress(string line) => Output.WriteLine($"  {line}");

    public async Task ReportAsync(BenchmarkResult result)
    {
        _reported.Add(result);
        Output.WriteLine($"RESULT {result.Describe()}");
        await results.AppendAsync(result);
    }
}
