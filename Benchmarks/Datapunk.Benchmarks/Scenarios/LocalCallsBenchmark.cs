using Datapunk.Benchmarks.Grains;
using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Silos;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// Call throughput and latency on one in-process silo: callers outside grain code, each awaiting
/// its call, spread over 1,000 activated non-persisted grains, at several concurrency levels.
/// </summary>
internal sealed class LocalCallsBenchmark : IBenchmark
{
    private const int GrainCount = 1000;
    private static readonly Target ThroughputTarget = Target.AtLeastOf(1_000_000);

    public string Name => "local-calls";

    public string Description => $"calls through IGrainFactory to {GrainCount:N0} non-persisted grains on one in-process silo";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var options = BenchmarkSiloOptions.Create(context.Options.SiloConnectionString(), context.NewClusterId(Name));
        await using var silo = await BenchmarkSilo.StartAsync(options, cancellationToken);
        await silo.WaitUntilOwnsAsync(options.PartitionCount, TimeSpan.FromSeconds(60), cancellationToken);

        var grains = Enumerable.Range(0, GrainCount).Select(key => silo.Grains.GetGrain<IPingGrain>(key)).ToArray();
        await Task.WhenAll(grains.Select(grain => grain.PingAsync(0).AsTask()));
        context.Progress($"silo {silo.Status.Address} owns {silo.Status.OwnedPartitions} partitions; {GrainCount:N0} grains activated");

        (int Callers, PhaseResult Result)? best = null;
        foreach (var callers in context.ConcurrencyLevels([1, 4, 16, 64, 256, 1024], [1, 64, 512]))
        {
            Task Call(int loop, long iteration) => grains[(int)((loop + (iteration * callers)) % GrainCount)].PingAsync((int)iteration).AsTask();

            await ClosedLoop.RunForAsync(callers, context.Options.WarmUp, Call);
            var result = await context.MeasureAsync(() => ClosedLoop.RunForAsync(callers, context.Options.Duration, Call));
            context.Progress($"{callers,5} callers: {result.Describe("calls")}");
            await context.ReportAsync(new BenchmarkResult(Name, $"throughput at {callers} callers", result.PerSecond, "calls/s", Details: result.Details()));
            if (best is null || result.PerSecond > best.Value.Result.PerSecond)
            {
                best = (callers, result);
            }
        }

        var (bestCallers, bestResult) = best!.Value;
        var at = $"at {bestCallers} callers";
        await context.ReportAsync(new BenchmarkResult(Name, "max throughput", bestResult.PerSecond, "calls/s", ThroughputTarget, $"{at}; {bestResult.Details()}"));
        await context.ReportAsync(new BenchmarkResult(Name, "p50 latency at max throughput", bestResult.P50Microseconds, "µs", Details: at));
        await context.ReportAsync(new BenchmarkResult(Name, "p99 latency at max throughput", bestResult.P99Microseconds, "µs", Details: at));
        await context.ReportAsync(new BenchmarkResult(Name, "allocated per call", bestResult.AllocatedBytesPerOperation, "B", Details: $"{at}; whole process"));
        await context.ReportAsync(new BenchmarkResult(Name, "CPU per call", bestResult.CpuMicrosecondsPerOperation, "µs", Details: $"{at}; callers and silo share the cores"));
    }
}
