using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Scenarios;
using Datapunk.Benchmarks.Silos;

// Stopwatch-based benchmarks of the actor runtime and the import pipeline (docs/benchmarks.md), or with `silo` a plain
// silo process that the cross-silo benchmark starts as its second silo.
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

IBenchmark[] benchmarks = [new LocalCallsBenchmark(), new CrossSiloBenchmark(), new ActivationBenchmark(), new StateWritesBenchmark(), new ImportBenchmark()];
try
{
    return args is ["silo", .. var siloArgs]
        ? await SiloCommand.RunAsync(siloArgs)
        : await new BenchmarkRunner(benchmarks).RunAsync(CommandLine.Parse(args), stopping.Token);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}
