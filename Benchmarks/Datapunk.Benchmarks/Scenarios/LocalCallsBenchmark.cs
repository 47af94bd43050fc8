using Datapunk.Benchmarks.Grains;
using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Silos;
using Datapunk.Testing;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// Call throughput and latency on one in-process silo: callers outside grain code, each awaiting
/// its call, spread over 1,000 activated non-persisted <c>[PreferLocalPlacement]</c> grains, at
/// several concurrency levels; 16 callers is the level the issue compares at.
/// </summary>
internal sealed class LocalCallsBenchmark : IBenchmark
{
    private const int GrainCount = 1000;
    private const int ReferenceCallers = 16;
    private static readonly Target ThroughputTarget = Target.AtLeastOf(1_000_000);

    public string Name => "local-calls";

    public string Description => $"calls through the silo's IGrainFactory to {GrainCount:N0} [PreferLocalPlacement] grains in the same process";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var clusterId = await context.NewClusterAsync(Name, cancellationToken);
        await using var silo = await BenchmarkSilo.StartAsync(
            new BenchmarkSiloSettings(context.Options.SiloConnectionString(), clusterId, FreePort.Next(), GatewayPort: 0), cancellationToken);

        var grains = Enumerable.Range(0, GrainCount).Select(key => silo.Grains.GetGrain<IPingGrain>(key)).ToArray();
        await Task.WhenAll(grains.Select(grain => grain.PingAsync(0).AsTask()));
        context.Progress($"silo {silo.Address}; {GrainCount:N0} grains activated");

        var measured = new Dictionary<int, PhaseResult>();
        foreach (var callers in context.ConcurrencyLevels([1, 4, 16, 64, 256, 1024], [ReferenceCallers, 256]))
        {
            Task Call(int loop, long iteration) => grains[(int)((loop + (iteration * callers)) % GrainCount)].PingAsync((int)iteration).AsTask();

            await ClosedLoop.RunForAsync(callers, context.Options.WarmUp, Call);
            var result = await context.MeasureAsync(() => ClosedLoop.RunForAsync(callers, context.Options.Duration, Call));
            context.Progress($"{callers,5} callers: {result.Describe("calls")}");
            await context.ReportAsync(new BenchmarkResult(Name, $"throughput at {callers} callers", result.PerSecond, "calls/s", Details: result.Details()));
            measured[callers] = result;
        }

        var (bestCallers, best) = measured.MaxBy(level => level.Value.PerSecond);
        var at = $"at {bestCallers} callers";
        await context.ReportAsync(new BenchmarkResult(Name, "max throughput", best.PerSecond, "calls/s", ThroughputTarget, $"{at}; {best.Details()}"));
        await context.ReportAsync(new BenchmarkResult(Name, "p50 latency at max throughput", best.P50Microseconds, "µs", Details: at));
        await context.ReportAsync(new BenchmarkResult(Name, "p99 latency at max throughput", best.P99Microseconds, "µs", Details: at));

        // Per-call costs at the issue's level when it ran, else at the best one.
        var (costCallers, costs) = measured.TryGetValue(ReferenceCallers, out var reference) ? (ReferenceCallers, reference) : (bestCallers, best);
        var costsAt = $"at {costCallers} callers";
        await context.ReportAsync(new BenchmarkResult(Name, "allocated per call", costs.AllocatedBytesPerOperation, "B", Details: $"{costsAt}; whole process"));
        await context.ReportAsync(new BenchmarkResult(Name, "CPU per call", costs.CpuMicrosecondsPerOperation, "µs", Details: $"{costsAt}; callers and silo share the cores"));
    }
}
