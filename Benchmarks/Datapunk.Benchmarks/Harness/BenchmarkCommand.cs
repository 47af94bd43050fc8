using System.CommandLine;
using System.CommandLine.Parsing;

namespace Datapunk.Benchmarks.Harness;

/// <summary>
/// <c>Datapunk.Benchmarks [BENCHMARK...|all] [options]</c>: the command line of a run, with the
/// option names scripts/bench.sh and <c>./datapunk bench</c> pass on.
/// </summary>
internal static class BenchmarkCommand
{
    /// <summary>The variable the benchmarks, their silos and <c>Datapunk.Testing</c> read the database from.</summary>
    private const string DatabaseVariable = "DATAPUNK_TEST_POSTGRES";

    public static RootCommand Create(IReadOnlyList<IBenchmark> benchmarks, Func<BenchmarkOptions, CancellationToken, Task<int>> run)
    {
        var names = new Argument<string[]>("benchmarks")
        {
            Description = "Benchmarks to run (default: all): " + string.Join(", ", benchmarks.Select(b => b.Name)) + ".",
            Arity = ArgumentArity.ZeroOrMore,
        };
        names.AcceptOnlyFromAmong([.. benchmarks.Select(b => b.Name), "all"]);
        var quick = new Option<bool>("--quick") { Description = "Short phases and small counts, to check the harness; the numbers mean little." };
        var warmUp = new Option<double?>("--warmup") { HelpName = "SECONDS", Description = "Seconds of warm-up before each measured phase (default 3; quick 1)." };
        var duration = new Option<double?>("--duration") { HelpName = "SECONDS", Description = "Seconds of each measured phase (default 10; quick 2)." };
        var concurrency = new Option<int[]?>("--concurrency")
        {
            HelpName = "A,B,..",
            Description = "Caller loops to try, e.g. 16,64 (default: each benchmark's own levels).",
            CustomParser = ParseLevels,
        };
        var activations = new Option<int?>("--activations") { HelpName = "N", Description = "Grains the activation benchmark activates (default 100000; quick 20000)." };
        var importFixes = new Option<long?>("--import-fixes") { HelpName = "N", Description = "Location fixes in the import benchmark's Takeout (default 10000000; quick 200000)." };
        var keepImportDatabase = new Option<bool>("--import-keep-db") { Description = "Keep the import, map and search-scale benchmarks' scratch databases." };
        var searchRecords = new Option<int[]?>("--search-records")
        {
            HelpName = "A,B,..",
            Description = "Record counts the search-scale benchmark grows its corpus to and measures at (default 1000000,10000000; quick 50000).",
            CustomParser = ParseLevels,
        };
        var searchDatabase = new Option<string?>("--search-db")
        {
            HelpName = "NAME",
            Description = "Measure search-scale in a database an earlier run kept (--import-keep-db): migrated to the current schema, loaded only past the records it holds, measured at the counts it reaches.",
        };
        var filter = new Option<string?>("--filter") { HelpName = "GLOB", Description = "Run the benchmarks whose name or class matches a glob, e.g. '*silo*'." };
        var connection = new Option<string?>("--connection")
        {
            HelpName = "CS",
            Description = $"PostgreSQL connection string (default: ${DatabaseVariable}, else the local datapunk_test database).",
        };
        var pool = new Option<int>("--pool") { HelpName = "N", Description = "Most database connections per benchmark silo.", DefaultValueFactory = _ => 40 };
        var results = new Option<string?>("--results") { HelpName = "PATH", Description = "Results file to append to (default Benchmarks/results/results.tsv)." };
        var runId = new Option<string?>("--run-id") { HelpName = "ID", Description = "Label of this run's rows in the results file (default: the UTC time)." };
        var allocationProfile = new Option<bool>("--alloc-profile") { Description = "Print the types each measured phase allocates (diagnostic; slows calls)." };

        var root = new RootCommand("Stopwatch benchmarks of Datapunk on Orleans (local calls, cross-silo calls, activations, state writes) and of the import pipeline.")
        {
            names, quick, warmUp, duration, concurrency, activations, importFixes, keepImportDatabase, searchRecords, searchDatabase, filter, connection, pool, results, runId, allocationProfile,
        };
        root.SetAction((parseResult, cancellationToken) =>
        {
            // Datapunk.Testing's TestDatabase reads the variable once; it must be set before anything asks it.
            if (parseResult.GetValue(connection) is { Length: > 0 } connectionString)
            {
                Environment.SetEnvironmentVariable(DatabaseVariable, connectionString);
            }

            var options = new BenchmarkOptions
            {
                Filter = parseResult.GetValue(filter),
                Quick = parseResult.GetValue(quick),
                Concurrency = parseResult.GetValue(concurrency) is { Length: > 0 } levels ? levels : null,
                Activations = parseResult.GetValue(activations),
                ImportFixes = parseResult.GetValue(importFixes),
                KeepImportDatabase = parseResult.GetValue(keepImportDatabase),
                SearchRecords = parseResult.GetValue(searchRecords) is { Length: > 0 } counts ? counts : null,
                SearchDatabase = parseResult.GetValue(searchDatabase),
                DatabasePoolSize = parseResult.GetValue(pool),
                AllocationProfile = parseResult.GetValue(allocationProfile),
            };
            options.Benchmarks.AddRange(parseResult.GetValue(names) ?? []);
            options.WarmUp = Seconds(parseResult.GetValue(warmUp)) ?? (options.Quick ? TimeSpan.FromSeconds(1) : options.WarmUp);
            options.Duration = Seconds(parseResult.GetValue(duration)) ?? (options.Quick ? TimeSpan.FromSeconds(2) : options.Duration);
            if (parseResult.GetValue(results) is { } path)
            {
                options.ResultsPath = Path.GetFullPath(path);
            }

            if (parseResult.GetValue(runId) is { } id)
            {
                options.RunId = id;
            }

            return run(options, cancellationToken);
        });
        return root;
    }

    private static TimeSpan? Seconds(double? value) => value is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private static int[]? ParseLevels(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        var levels = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, CultureInfo.InvariantCulture, out var level) || level < 1)
            {
                result.AddError($"Expected positive whole numbers separated by commas (such as 16,64), got '{text}'.");
                return null;
            }

            levels.Add(level);
        }

        return levels.Count > 0 ? [.. levels] : null;
    }
}
