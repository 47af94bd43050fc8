namespace Datapunk.Benchmarks.Harness;

/// <summary>Runs the benchmarks named on the command line, one after the other, and prints a summary.</summary>
internal sealed class BenchmarkRunner(IReadOnlyList<IBenchmark> benchmarks)
{
    public async Task<int> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var selected = Select(options);
        if (selected.Count == 0)
        {
            await Console.Error.WriteLineAsync($"No benchmark matches '{options.Filter}'; the benchmarks are {string.Join(", ", benchmarks.Select(b => b.Name))}.");
            return 2;
        }

        var results = new ResultsFile(options.ResultsPath, options.RunId);
        await using var context = new BenchmarkContext(options, results, Console.Out);
        Console.WriteLine($"Datapunk benchmarks on Orleans, run {options.RunId}: {string.Join(", ", selected.Select(b => b.Name))}" +
            $" (warm-up {options.WarmUp.TotalSeconds:0.#} s, measured {options.Duration.TotalSeconds:0.#} s per phase{(options.Quick ? ", QUICK" : "")})");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}; results go to {results.Path}");
        var failed = 0;
        try
        {
            foreach (var benchmark in selected)
            {
                Console.WriteLine();
                Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
                try
                {
                    await benchmark.RunAsync(context, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failed++;
                    Console.WriteLine($"FAILED {benchmark.Name}: {exception}");
                    await context.ReportAsync(new BenchmarkResult(benchmark.Name, "failed", double.NaN, "", Details: exception.Message));
                }
            }
        }
        finally
        {
            await context.DeleteClustersAsync();
        }

        PrintSummary(context.Reported);
        return failed == 0 ? 0 : 1;
    }

    private List<IBenchmark> Select(BenchmarkOptions options)
    {
        var names = options.Benchmarks;
        if (options.Filter is { } filter)
        {
            return [.. benchmarks.Where(b => Glob.Matches(filter, b.Name) || Glob.Matches(filter, b.GetType().FullName!))];
        }

        return names.Count == 0 || names.Contains("all") ? [.. benchmarks] : [.. benchmarks.Where(b => names.Contains(b.Name))];
    }

    private static void PrintSummary(IReadOnlyList<BenchmarkResult> reported)
    {
        Console.WriteLine();
        Console.WriteLine("== summary");
        foreach (var result in reported.Where(r => r.Target is not null))
        {
            Console.WriteLine($"  {(result.Met == true ? "met    " : "NOT MET")}  {result.Describe()}");
        }
    }
}
