namespace Datapunk.Benchmarks.Harness;

/// <summary>Parses `[names...] [--quick] [--duration S] ...`; see <see cref="Usage"/>.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: Datapunk.Benchmarks [BENCHMARK...|all] [options]
               Datapunk.Benchmarks silo --cluster ID [--port N] [--connection CS]

        Benchmarks: local-calls, cross-silo, activation, state-writes, import (default: all).

        Options:
          --quick               short phases and small counts, to check the harness
          --warmup SECONDS      warm-up before each measured phase (default 3; quick 1)
          --duration SECONDS    length of each measured phase (default 10; quick 2)
          --concurrency A,B,..  caller loops to try (default: each benchmark's own curve)
          --activations N       grains the activation benchmark activates (default 100000)
          --import-fixes N      location fixes in the import benchmark's Takeout (default 10000000; quick 200000)
          --import-keep-db      keep the import benchmark's scratch database
          --filter GLOB         run the benchmarks whose name or class matches, e.g. '*silo*'
          --connection CS       PostgreSQL (default: $DATAPUNK_TEST_POSTGRES, else the local test database)
          --pool N              most database connections per benchmark silo (default 40)
          --results PATH        results file to append to (default Benchmarks/results/results.tsv)
          --run-id ID           label of this run's rows in the results file
          --alloc-profile       print the types each measured phase allocates (diagnostic; slows calls)
        """;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        TimeSpan? warmUp = null, duration = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help" or "help":
                    options.ShowHelp = true;
                    break;
                case "--quick":
                    options.Quick = true;
                    break;
                case "--alloc-profile":
                    options.AllocationProfile = true;
                    break;
                case "--warmup":
                    warmUp = TimeSpan.FromSeconds(double.Parse(Value(args, ref i), CultureInfo.InvariantCulture));
                    break;
                case "--duration":
                    duration = TimeSpan.FromSeconds(double.Parse(Value(args, ref i), CultureInfo.InvariantCulture));
                    break;
                case "--concurrency":
                    options.Concurrency = [.. Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
                    break;
                case "--activations":
                    options.Activations = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--import-fixes":
                    options.ImportFixes = long.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--import-keep-db":
                    options.KeepImportDatabase = true;
                    break;
                case "--filter":
                    options.Filter = Value(args, ref i);
                    break;
                case "--connection":
                    options.ConnectionString = Value(args, ref i);
                    break;
                case "--pool":
                    options.DatabasePoolSize = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--results":
                    options.ResultsPath = Path.GetFullPath(Value(args, ref i));
                    break;
                case "--run-id":
                    options.RunId = Value(args, ref i);
                    break;
                case var name when !name.StartsWith('-'):
                    options.Benchmarks.Add(name);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{arg}'.\n\n{Usage}");
            }
        }

        options.WarmUp = warmUp ?? (options.Quick ? TimeSpan.FromSeconds(1) : options.WarmUp);
        options.Duration = duration ?? (options.Quick ? TimeSpan.FromSeconds(2) : options.Duration);
        return options;
    }

    /// <summary>The value after option <c>args[i]</c>, or a helpful error when it is missing.</summary>
    public static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"Option '{args[i - 1]}' needs a value.\n\n{Usage}");
}
