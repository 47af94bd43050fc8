using System.Reflection;
using Datapunk.Actors.Cluster;
using Datapunk.Benchmarks.Grains;
using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Silos;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// Calls from silo A (this process) to grains whose partitions silo B (a second process) owns:
/// max throughput with a closed loop, then latency at half that load with a paced open loop.
/// </summary>
internal sealed class CrossSiloBenchmark : IBenchmark
{
    private const int GrainCount = 1000;
    private const double ThroughputTargetValue = 50_000;
    private static readonly Target ThroughputTarget = Target.AtLeastOf(ThroughputTargetValue);
    private static readonly Target P99Target = Target.Below(5_000);
    private static readonly string PingTypeName = typeof(IPingGrain).GetCustomAttribute<AliasAttribute>()!.Alias;

    public string Name => "cross-silo";

    public string Description => $"calls from silo A (in-process) to {GrainCount:N0} grains owned by silo B (second process)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var clusterId = context.NewClusterId(Name);
        await using var siloB = await SiloProcess.StartAsync("silo B", context.Options.ConnectionString, clusterId, cancellationToken);
        var options = BenchmarkSiloOptions.Create(context.Options.SiloConnectionString(), clusterId);
        await using var siloA = await BenchmarkSilo.StartAsync(options, cancellationToken);
        await using var leases = new LeaseTable(context.Options.ConnectionString);
        var ownedByB = await WaitUntilBalancedAsync(leases, siloA, siloB, cancellationToken);

        var grains = Enumerable.Range(0, int.MaxValue)
            .Where(key => ownedByB.Contains(PartitionHasher.PartitionOf(new GrainId(PingTypeName, GrainId.KeyOf(key)), options.PartitionCount)))
            .Take(GrainCount)
            .Select(key => siloA.Grains.GetGrain<IPingGrain>(key))
            .ToArray();
        await CheckAllRunOnAsync(grains, siloB.SiloId);
        context.Progress($"A {siloA.Status.Address} and B {siloB.Address} own {siloA.Status.OwnedPartitions} and {ownedByB.Count} partitions; " +
            $"{GrainCount:N0} grains activated, all on B");

        (int Callers, PhaseResult Result)? best = null;
        foreach (var callers in context.ConcurrencyLevels([16, 64, 256, 1024], [64, 512]))
        {
            Task Call(int loop, long iteration) => grains[(int)((loop + (iteration * callers)) % GrainCount)].PingAsync((int)iteration).AsTask();

            await ClosedLoop.RunForAsync(callers, context.Options.WarmUp, Call);
            var cpuBefore = siloB.ProcessorTime;
            var result = await context.MeasureAsync(() => ClosedLoop.RunForAsync(callers, context.Options.Duration, Call));
            result.OtherProcessorTime = siloB.ProcessorTime - cpuBefore;
            context.Progress($"{callers,5} callers: {result.Describe("calls")} (CPU of both processes)");
            await context.ReportAsync(new BenchmarkResult(Name, $"throughput at {callers} callers", result.PerSecond, "calls/s", Details: result.Details()));
            if (best is null || result.PerSecond > best.Value.Result.PerSecond)
            {
                best = (callers, result);
            }
        }

        var (bestCallers, bestResult) = best!.Value;
        await context.ReportAsync(new BenchmarkResult(Name, "max throughput", bestResult.PerSecond, "calls/s", ThroughputTarget,
            $"closed loop, {bestCallers} callers; {bestResult.Details()}"));

        // The target is "p99 under 5 ms at half of 50,000 calls/s"; half of the measured maximum is reported too.
        Task Paced(long number) => grains[(int)(number % GrainCount)].PingAsync((int)number).AsTask();
        await MeasurePacedAsync(context, siloB, ThroughputTargetValue / 2, "half the target load", P99Target, Paced);
        await MeasurePacedAsync(context, siloB, Math.Floor(bestResult.PerSecond / 2), "half the measured maximum", null, Paced);

        var ownedAfter = (await leases.ReadOwnersAsync(clusterId, cancellationToken))
            .Where(owner => owner.Value == siloB.Address).Select(owner => owner.Key).ToHashSet();
        if (!ownedAfter.SetEquals(ownedByB))
        {
            context.Progress($"WARNING: partitions moved during the run (B owned {ownedByB.Count}, now {ownedAfter.Count}); some calls may not have crossed");
        }
    }

    /// <summary>Waits until A and B hold half of the partitions each and A has seen B's; returns B's partitions.</summary>
    private static async Task<HashSet<int>> WaitUntilBalancedAsync(
        LeaseTable leases, BenchmarkSilo siloA, SiloProcess siloB, CancellationToken cancellationToken)
    {
        var half = siloA.Options.PartitionCount / 2;
        Dictionary<int, string> owners = [];
        await Poll.UntilAsync(
            async () =>
            {
                owners = await leases.ReadOwnersAsync(siloA.Options.ClusterId, cancellationToken);
                return siloA.Status.IsReady && siloA.Status.OwnedPartitions == half
                    && owners.Count(o => o.Value == siloB.Address) == half && owners.Count(o => o.Value == siloA.Status.Address) == half;
            },
            TimeSpan.FromSeconds(90),
            () => $"partitions to be balanced between A {siloA.Status.Address} and B {siloB.Address}: " +
                  string.Join(", ", owners.GroupBy(o => o.Value).Select(g => $"{g.Key} owns {g.Count()}")),
            cancellationToken);

        // One more cluster round, so that A's routing table has B's partitions, not just the database.
        await Task.Delay(siloA.Options.HeartbeatInterval * 2, cancellationToken);
        return [.. owners.Where(o => o.Value == siloB.Address).Select(o => o.Key)];
    }

    private static async Task CheckAllRunOnAsync(IPingGrain[] grains, string siloId)
    {
        var silos = await Task.WhenAll(grains.Select(grain => grain.GetSiloAsync()));
        var elsewhere = silos.Count(silo => silo != siloId);
        if (elsewhere > 0)
        {
            throw new InvalidOperationException($"{elsewhere} of {grains.Length} grains chosen for B's partitions run elsewhere (e.g. on {silos.First(s => s != siloId)}).");
        }
    }

    private async Task MeasurePacedAsync(
        BenchmarkContext context, SiloProcess siloB, double rate, string label, Target? p99Target, Func<long, Task> paced)
    {
        var drain = TimeSpan.FromSeconds(30);
        await OpenLoop.RunAsync(rate, context.Options.WarmUp, drain, paced);
        var cpuBefore = siloB.ProcessorTime;
        var (result, senderLag, fromSend) = await OpenLoop.RunAsync(rate, context.Options.Duration, drain, paced);
        result.OtherProcessorTime = siloB.ProcessorTime - cpuBefore;
        var details = $"open loop at {Format.Rate(rate)} calls/s, {result.Operations:N0} calls, errors {result.Errors}; latency from each call's scheduled send time " +
            $"(from the actual send: p50 {Format.Micros(fromSend.PercentileMicroseconds(50))}, p99 {Format.Micros(fromSend.PercentileMicroseconds(99))}; " +
            $"sender lag p50 {Format.Micros(senderLag.PercentileMicroseconds(50))}, p99 {Format.Micros(senderLag.PercentileMicroseconds(99))})";
        context.Progress($"{label}: {result.Details()}");
        context.Progress($"  {details}");
        await context.ReportAsync(new BenchmarkResult(Name, $"p50 latency at {label}", result.P50Microseconds, "µs", Details: details));
        await context.ReportAsync(new BenchmarkResult(Name, $"p99 latency at {label}", result.P99Microseconds, "µs", p99Target, details));
    }
}
