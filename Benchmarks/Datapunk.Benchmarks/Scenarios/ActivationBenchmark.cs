using Datapunk.Benchmarks.Grains;
using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Silos;
using Datapunk.Testing;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// What an activation costs: the time to activate many trivial grains concurrently (each by its
/// first call) and the memory each one keeps while idle (the collection age outlives the run).
/// </summary>
internal sealed class ActivationBenchmark : IBenchmark
{
    private const int WarmUpActivations = 2_000;
    private const int Callers = 64;
    private static readonly Target TimeTarget = Target.Below(50);
    private static readonly Target HeapTarget = Target.Below(2048);

    public string Name => "activation";

    public string Description => "time per activation and memory per idle activation of a trivial grain";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var count = context.Options.Activations ?? (context.Options.Quick ? 20_000 : 100_000);
        var callers = context.Options.Concurrency?[0] ?? Callers;
        var clusterId = await context.NewClusterAsync(Name, cancellationToken);
        await using var silo = await BenchmarkSilo.StartAsync(
            new BenchmarkSiloSettings(context.Options.SiloConnectionString(), clusterId, FreePort.Next(), GatewayPort: 0), cancellationToken);

        // Warm-up on other keys (negative ones), so that the measured activations find the code compiled.
        await ClosedLoop.RunCountAsync(callers, WarmUpActivations, number => silo.Grains.GetGrain<IProbeGrain>(-1 - number).TouchAsync());
        var idleWindow = context.Options.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);
        var idleBefore = await IdleCpuPercentAsync(idleWindow, cancellationToken);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var (residentBefore, _) = ProcessResources.Memory(Environment.ProcessId);

        var result = await context.MeasureAsync(() => ClosedLoop.RunCountAsync(callers, count, number => silo.Grains.GetGrain<IProbeGrain>(number).TouchAsync()));
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var (residentAfter, _) = ProcessResources.Memory(Environment.ProcessId);
        var live = await silo.CountActivationsAsync<ProbeGrain>();
        if (live != WarmUpActivations + count || result.Errors > 0)
        {
            throw new InvalidOperationException(
                $"Expected {WarmUpActivations + count:N0} live probe activations after {count:N0} first calls; found {live:N0} ({result.Errors} errors, first: {result.FirstError?.Message}).");
        }

        var microsecondsPerActivation = result.Elapsed.TotalMicroseconds / count;
        var heapPerActivation = (heapAfter - heapBefore) / (double)count;
        var residentPerActivation = (residentAfter - residentBefore) / (double)count;
        context.Progress($"{count:N0} activations by {callers} callers in {result.Elapsed.TotalSeconds:0.00} s: {result.Describe("activations")}");
        context.Progress($"heap {heapBefore / 1048576.0:0.0} MiB before, {heapAfter / 1048576.0:0.0} MiB after; resident {residentBefore / 1048576.0:0} MiB before, " +
            $"{residentAfter / 1048576.0:0} MiB after; {live:N0} activations live");
        var details = $"{count:N0} activations, {callers} concurrent callers; first-call {result.Details()}";
        await context.ReportAsync(new BenchmarkResult(Name, "time per activation", microsecondsPerActivation, "µs", TimeTarget, details));
        await context.ReportAsync(new BenchmarkResult(Name, "heap per idle activation", heapPerActivation, "B", HeapTarget,
            $"GC.GetTotalMemory(true) after minus before, over {count:N0} live activations"));
        await context.ReportAsync(new BenchmarkResult(Name, "resident memory per idle activation", residentPerActivation, "B",
            Details: $"process VmRSS after minus before (after a full collection), over {count:N0} live activations"));
        await context.ReportAsync(new BenchmarkResult(Name, "allocated per activation", result.AllocatedBytesPerOperation, "B", Details: "whole process, garbage included"));
        var idleAfter = await IdleCpuPercentAsync(idleWindow, cancellationToken);
        await context.ReportAsync(new BenchmarkResult(Name, "idle CPU with the activations alive", idleAfter, "% of a core",
            Details: $"silo doing nothing but its own upkeep, with {live:N0} activations; {idleBefore:0.0} % with {WarmUpActivations:N0}"));
    }

    /// <summary>CPU this process uses while no calls are made, in percent of one core: the silo's upkeep.</summary>
    private static async Task<double> IdleCpuPercentAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var before = ResourceSnapshot.Take();
        await Task.Delay(window, cancellationToken);
        var after = ResourceSnapshot.Take();
        return (after.ProcessorTime - before.ProcessorTime) / Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp) * 100;
    }
}
