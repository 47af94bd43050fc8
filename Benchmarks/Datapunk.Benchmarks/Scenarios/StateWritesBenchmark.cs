using Datapunk.Benchmarks.Harness;
using Datapunk.Benchmarks.Silos;
using Datapunk.TestGrains;
using Datapunk.Testing;

namespace Datapunk.Benchmarks.Scenarios;

/// <summary>
/// Persisted state writes through Orleans' ADO.NET grain storage (PostgreSQL, System.Text.Json):
/// concurrent <see cref="ICounterGrain.AddAsync"/> calls, each of which writes the counter's state
/// before it answers. Every caller loop has a counter of its own, so N callers are N grains writing
/// at once and no loop queues behind another on one grain.
/// </summary>
internal sealed class StateWritesBenchmark : IBenchmark
{
    private static readonly Target WritesTarget = Target.AtLeastOf(5_000);

    public string Name => "state-writes";

    public string Description => "persisted counter writes to PostgreSQL through Orleans' ADO.NET storage (AddAsync = one WriteStateAsync each)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var clusterId = await context.NewClusterAsync(Name, cancellationToken);
        await using var silo = await BenchmarkSilo.StartAsync(
            new BenchmarkSiloSettings(context.Options.SiloConnectionString(), clusterId, FreePort.Next(), GatewayPort: 0), cancellationToken);
        context.Progress($"silo {silo.Address}; at most {context.Options.DatabasePoolSize} connections");

        (int Callers, PhaseResult Result)? best = null;
        foreach (var callers in context.ConcurrencyLevels([16, 32, 64], [16, 64]))
        {
            var counters = Enumerable.Range(0, callers).Select(i => silo.Grains.GetGrain<ICounterGrain>($"bench-{callers}-{i}")).ToArray();
            Task Call(int loop, long iteration) => counters[loop].AddAsync(1);

            var warmUp = await ClosedLoop.RunForAsync(callers, context.Options.WarmUp, Call);
            var result = await context.MeasureAsync(() => ClosedLoop.RunForAsync(callers, context.Options.Duration, Call));
            await CheckTotalsAsync(counters, warmUp.Operations - warmUp.Errors + result.Operations - result.Errors);
            context.Progress($"{callers,5} grains: {result.Describe("writes")}");
            await context.ReportAsync(new BenchmarkResult(Name, $"throughput at {callers} callers", result.PerSecond, "writes/s", Details: result.Details()));
            if (best is null || result.PerSecond > best.Value.Result.PerSecond)
            {
                best = (callers, result);
            }
        }

        var (bestCallers, bestResult) = best!.Value;
        var at = $"at {bestCallers} callers";
        await context.ReportAsync(new BenchmarkResult(Name, "max throughput", bestResult.PerSecond, "writes/s", WritesTarget, $"{at}; {bestResult.Details()}"));
        await context.ReportAsync(new BenchmarkResult(Name, "p50 latency at max throughput", bestResult.P50Microseconds, "µs", Details: at));
        await context.ReportAsync(new BenchmarkResult(Name, "p99 latency at max throughput", bestResult.P99Microseconds, "µs", Details: at));
    }

    /// <summary>Every acknowledged addition must be in the counters: a benchmark that lost writes measured nothing.</summary>
    private static async Task CheckTotalsAsync(ICounterGrain[] counters, long acknowledged)
    {
        var totals = await Task.WhenAll(counters.Select(counter => counter.GetAsync()));
        if (totals.Sum(total => (long)total) != acknowledged)
        {
            throw new InvalidOperationException($"The counters hold {totals.Sum(total => (long)total):N0} additions; {acknowledged:N0} were acknowledged.");
        }
    }
}
