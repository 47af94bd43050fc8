using Datapunk.Testing;

namespace Datapunk.Benchmarks.Harness;

/// <summary>Settings shared by every benchmark of a run, from the command line (<see cref="BenchmarkCommand"/>).</summary>
internal sealed class BenchmarkOptions
{
    public List<string> Benchmarks { get; } = [];

    /// <summary>BenchmarkDotNet-style glob over benchmark names (kept for `./datapunk bench --filter`).</summary>
    public string? Filter { get; set; }

    /// <summary>Short phases and smaller counts, to check the harness; the numbers mean little.</summary>
    public bool Quick { get; set; }

    public TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Caller concurrency levels; null lets each benchmark use its own.</summary>
    public int[]? Concurrency { get; set; }

    public int? Activations { get; set; }

    /// <summary>Location fixes in the import benchmark's synthetic Takeout (null: 10 million, or 200,000 with --quick).</summary>
    public long? ImportFixes { get; set; }

    /// <summary>Record counts the search-scale benchmark measures at, ascending (null: 1 and 10 million, or 50,000 with --quick).</summary>
    public int[]? SearchRecords { get; set; }

    /// <summary>A search-scale database an earlier run kept: migrated, grown past the records it holds, measured (null: a new one).</summary>
    public string? SearchDatabase { get; set; }

    /// <summary>Leave the import benchmark's scratch database in place, for inspection.</summary>
    public bool KeepImportDatabase { get; set; }

    /// <summary>The benchmark database: the tests' (<c>DATAPUNK_TEST_POSTGRES</c>, which <c>--connection</c> sets).</summary>
    public string ConnectionString => TestDatabase.ConnectionString;

    /// <summary>Most connections a benchmark silo opens: the database serves other work (and test suites) too.</summary>
    public int DatabasePoolSize { get; set; } = 40;

    public string ResultsPath { get; set; } = Path.Combine(RepositoryPaths.Root, "Benchmarks", "results", "results.tsv");

    /// <summary>Where the output of the silo processes a run starts goes, one file each.</summary>
    public string LogDirectory => Path.Combine(Path.GetDirectoryName(ResultsPath)!, "logs");

    public string RunId { get; set; } = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    /// <summary>Print which types each measured phase allocates (sampled; costs some throughput).</summary>
    public bool AllocationProfile { get; set; }

    /// <summary>The connection string of a benchmark silo, with its pool bounded.</summary>
    public string SiloConnectionString() => TestDatabase.ConnectionStringForSilo(DatabasePoolSize);
}
