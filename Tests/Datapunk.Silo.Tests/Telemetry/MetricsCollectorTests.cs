using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Silo.Tests.Telemetry;

public sealed class MetricsCollectorTests : IAsyncLifetime
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<MetricsCollector>().BuildServiceProvider();

    private MetricsCollector Collector => _services.GetRequiredService<MetricsCollector>();

    private Meter CreateMeter(string name) => _services.GetRequiredService<IMeterFactory>().Create(name);

    public async ValueTask InitializeAsync() => await Collector.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public void CountersAreSummedPerTagSetWhateverTheTagOrder()
    {
        var counter = CreateMeter("Datapunk.Tests.Counters").CreateCounter<long>("datapunk.tests.calls");

        counter.Add(2, new("grain_type", "user"), new("method", "A"));
        counter.Add(3, new("method", "A"), new("grain_type", "user"));
        counter.Add(1, new("grain_type", "user"), new("method", "B"));

        var family = Collector.Collect().Single(f => f.Name == "datapunk.tests.calls");
        family.Kind.ShouldBe(MetricKind.Counter);
        family.Points.Select(p => (p.GetLabel("method"), p.Value)).ShouldBe([("A", 5.0), ("B", 1.0)]);
    }

    [Fact]
    public void HistogramsUseTheAdvisedBoundariesOrTheDefaultOnes()
    {
        var meter = CreateMeter("Datapunk.Tests.Histograms");
        var advised = meter.CreateHistogram("datapunk.tests.advised", "ms", "Advised.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 10] });
        var plain = meter.CreateHistogram<int>("datapunk.tests.plain");

        advised.Record(0.5);
        advised.Record(1);
        advised.Record(5);
        advised.Record(50);
        plain.Record(7);

        var families = Collector.Collect();
        var histogram = families.Single(f => f.Name == "datapunk.tests.advised").Points.Single().Histogram!;
        histogram.Boundaries.ShouldBe([1.0, 10.0]);
        histogram.BucketCounts.ShouldBe([2L, 1L, 1L], "a value equal to a boundary belongs to that bucket, as Prometheus' le says");
        histogram.Sum.ShouldBe(56.5);
        histogram.Count.ShouldBe(4);
        families.Single(f => f.Name == "datapunk.tests.plain").Points.Single().Histogram!.Boundaries.Count.ShouldBe(15);
    }

    [Fact]
    public void ObservableInstrumentsReportTheirCurrentValueAtEachCollection()
    {
        var value = 3;
        CreateMeter("Datapunk.Tests.Gauges").CreateObservableGauge("datapunk.tests.gauge", () => new Measurement<int>(value, new KeyValuePair<string, object?>("grain_type", "user")));

        Collector.Collect().Single(f => f.Name == "datapunk.tests.gauge").Points.Single().Value.ShouldBe(3);
        value = 5;
        Collector.Collect().Single(f => f.Name == "datapunk.tests.gauge").Points.Single().Value.ShouldBe(5);
    }

    [Fact]
    public async Task OnlyDatapunkMetersOfItsOwnHostAreCollected()
    {
        CreateMeter("Other.Library").CreateCounter<long>("other.calls").Add(1);
        await using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherHost.GetRequiredService<IMeterFactory>().Create("Datapunk.Tests.OtherHost").CreateCounter<long>("datapunk.tests.other_host").Add(1);

        var names = Collector.Collect().Select(f => f.Name).ToList();

        names.ShouldNotContain("other.calls");
        names.ShouldNotContain("datapunk.tests.other_host", "another host's meters belong to that host's collector");
    }
}
