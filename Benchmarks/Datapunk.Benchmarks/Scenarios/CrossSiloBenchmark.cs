using Datapunk.Benchmarks.Grains;
using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Silos;
using Datapunk.Client;
using Datapunk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// Calls from silo A (this process) to grains that run on silo B (a second process), over loopback
/// TCP: max throughput with a closed loop, then latency at half that rate with a paced open loop.
/// </summary>
internal sealed class CrossSiloBenchmark : IBenchmark
{
    private const int GrainCount = 1000;
    private const double ThroughputTargetValue = 50_000;
    private static readonly Target ThroughputTarget = Target.AtLeastOf(ThroughputTargetValue);
    private static readonly Target P99Target = Target.Below(5_000);
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    public string Name => "cross-silo";

    public string Description => $"calls from silo A (in-process) to {GrainCount:N0} grains on silo B (second process, loopback TCP)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var clusterId = await context.NewClusterAsync(Name, cancellationToken);
        var connectionString = context.Options.SiloConnectionString();
        await using var siloB = await BenchmarkSiloProcess.StartAsync(
            "silo-b", connectionString, clusterId, context.Database, context.Options.LogDirectory, cancellationToken);
        await using var siloA = await BenchmarkSilo.StartAsync(
            new BenchmarkSiloSettings(connectionString, clusterId, FreePort.Next(), GatewayPort: 0), cancellationToken);

        // [PreferLocalPlacement] puts a grain on the silo that first addresses it: a client whose only
        // gateway is B activates them there, and A then calls grains that live on B.
        using var client = await DatapunkClusterClient.StartAsync([siloB.ClientGateway], clusterId, clusterId, cancellationToken: cancellationToken);
        var viaB = client.Services.GetRequiredService<IGrainFactory>();
        await WaitUntilBothSeeTwoSilosAsync(siloA.Grains, viaB, cancellationToken);
        var siloBAddress = await ActivateOnBAsync(viaB, siloA.Address);
        var grains = Enumerable.Range(0, GrainCount).Select(key => siloA.Grains.GetGrain<IPingGrain>(key)).ToArray();
        await CheckAllRunOnAsync(grains, siloBAddress);
        await client.StopAsync(cancellationToken);
        context.Progress($"A {siloA.Address} (this process) calls {GrainCount:N0} grains on B {siloBAddress} (pid {siloB.ProcessId})");

        (int Callers, PhaseResult Result)? best = null;
        foreach (var callers in context.ConcurrencyLevels([16, 64, 256, 1024], [16, 256]))
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

        // The issue's figure is p50/p99 at half the measured maximum; the target is "p99 under 5 ms at half
        // of 50,000 calls/s", measured too when the silos can carry that rate at all.
        Task Paced(long number) => grains[(int)(number % GrainCount)].PingAsync((int)number).AsTask();
        await MeasurePacedAsync(context, siloB, Math.Floor(bestResult.PerSecond / 2), "half the measured maximum", null, Paced);
        if (bestResult.PerSecond > ThroughputTargetValue / 2)
        {
            await MeasurePacedAsync(context, siloB, ThroughputTargetValue / 2, "half the target load", P99Target, Paced);
        }
    }

    /// <summary>Waits until A and B each count two active silos, so that A can reach B's activations and B can answer A.</summary>
    private static Task WaitUntilBothSeeTwoSilosAsync(IGrainFactory viaA, IGrainFactory viaB, CancellationToken cancellationToken) =>
        Poll.UntilAsync(
            async token =>
            {
                var seenByA = await viaA.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
                var seenByB = await viaB.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
                return (SeenByA: seenByA.Count, SeenByB: seenByB.Count);
            },
            seen => seen.SeenByA == 2 && seen.SeenByB == 2,
            "silos A and B to see each other as active",
            seen => $"A sees {seen.SeenByA} active silo(s), B (through its client gateway) {seen.SeenByB}",
            JoinTimeout,
            cancellationToken);

    /// <summary>Activates the grains through B's client gateway and returns B's address, which every one of them must report.</summary>
    private static async Task<string> ActivateOnBAsync(IGrainFactory viaB, string siloAAddress)
    {
        var silos = await Task.WhenAll(Enumerable.Range(0, GrainCount).Select(key => viaB.GetGrain<IPingGrain>(key).GetSiloAsync()));
        var distinct = silos.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count != 1 || distinct[0] == siloAAddress)
        {
            throw new InvalidOperationException(
                $"Grains activated through B's gateway run on {string.Join(", ", distinct)}; expected all on B, none on A ({siloAAddress}).");
        }

        return distinct[0];
    }

    private static async Task CheckAllRunOnAsync(IPingGrain[] grains, string siloAddress)
    {
        var silos = await Task.WhenAll(grains.Select(grain => grain.GetSiloAsync()));
        var elsewhere = silos.Count(silo => silo != siloAddress);
        if (elsewhere > 0)
        {
            throw new InvalidOperationException($"{elsewhere} of {grains.Length} grains called from A run elsewhere than on B {siloAddress} (e.g. on {silos.First(s => s != siloAddress)}).");
        }
    }

    private async Task MeasurePacedAsync(
        BenchmarkContext context, BenchmarkSiloProcess siloB, double rate, string label, Target? p99Target, Func<long, Task> paced)
    {
        var drain = TimeSpan.FromSeconds(30);
        await OpenLoop.RunAsync(rate, context.Options.WarmUp, drain, paced);
        var cpuBefore = siloB.ProcessorTime;
        var (result, senderLag, fromSend) = await OpenLoop.RunAsync(rate, context.Options.Duration, drain, paced);
        result.OtherProcessorTime = siloB.ProcessorTime - cpuBefore;
        var details = $"open loop at {Format.Rate(rate)} calls/s, {result.Operations:N0} calls, errors {result.Errors}; latency from each call's scheduled send time " +
            $"(from the actual send: p50 {Format.Micros(fromSend.PercentileMicroseconds(50))}, p99 {Format.Micros(fromSend.PercentileMicroseconds(99))}; " +
            $"sender lag p50 {Format.Micros(senderLag.PercentileMicroseconds(50))}, p99 {Format.Micros(senderLag.PercentileMicroseconds(99))}); " +
            $"{result.AllocatedBytesPerOperation:0} B/op allocated in A, {result.CpuMicrosecondsPerOperation:0.00} µs CPU/op (A and B)";
        context.Progress($"{label}: {result.Details()}");
        context.Progress($"  {details}");
        await context.ReportAsync(new BenchmarkResult(Name, $"p50 latency at {label}", result.P50Microseconds, "µs", Details: details));
        await context.ReportAsync(new BenchmarkResult(Name, $"p99 latency at {label}", result.P99Microseconds, "µs", p99Target, details));
    }
}
