using Datapunk.Actors.Tests.Infrastructure;

namespace Datapunk.Actors.Tests.Scheduling;

[Collection(SharedSiloCollection.Name)]
public sealed class StatelessWorkerTests(SharedSiloFixture silo)
{
    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task StatelessWorkerServesConcurrentCallsOnUpToFourActivationsInParallel()
    {
        var key = Guid.NewGuid();
        var subject = key.ToString();
        var worker = silo.Grains.GetGrain<IWorkerGrain>(key);
        var meter = silo.Probe.Meter(subject);

        var calls = Enumerable.Range(0, 12).Select(_ => worker.WorkAsync()).ToArray();
        try
        {
            await silo.Probe.WaitUntilAsync(subject, _ => meter.Current >= 4, "four WorkAsync calls of a [StatelessWorker(4)] in progress at once");
        }
        finally
        {
            silo.Probe.OpenGate(subject);
        }

        var servedBy = await Task.WhenAll(calls).Within("12 WorkAsync calls after the gate opened");

        meter.Max.ShouldBe(4, "at most four workers may run at once, and four should have while the calls waited");
        servedBy.Distinct().Count().ShouldBe(4, "twelve concurrent calls should spread over exactly the four allowed activations");
        meter.Entries.ShouldBe(12);
    }
}
