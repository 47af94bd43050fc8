using System.Globalization;

namespace Datapunk.Silo.Tests.Telemetry;

public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void CounterGetsTotalSuffixHelpTypeAndEscapedLabelValues()
    {
        var family = new MetricFamily(
            "datapunk.test.requests", "Requests \"served\" by C:\\path\nper method.", "{request}", MetricKind.Counter,
            [
                Point(42, ("method", "GET"), ("path", "C:\\temp\\\"quoted\"\nnext")),
                Point(3, ("method", "POST"), ("path", "/")),
            ]);

        var text = PrometheusTextWriter.Write([family]);

        text.ShouldBe(
            "# HELP datapunk_test_requests_total Requests \"served\" by C:\\\\path\\nper method.\n" +
            "# TYPE datapunk_test_requests_total counter\n" +
            "datapunk_test_requests_total{method=\"GET\",path=\"C:\\\\temp\\\\\\\"quoted\\\"\\nnext\"} 42\n" +
            "datapunk_test_requests_total{method=\"POST\",path=\"/\"} 3\n");
    }

    [Fact]
    public void HistogramHasCumulativeBucketsAnInfBucketSumAndCount()
    {
        var histogram = new HistogramData([0.5, 1, 2.5], [1, 0, 2, 1], 7.25, 4);
        var family = new MetricFamily(
            "datapunk.test.latency", "Call latency", "ms", MetricKind.Histogram,
            [new MetricPoint([new("grain_type", "user")], 4, histogram)]);

        var text = PrometheusTextWriter.Write([family]);

        text.ShouldBe(
            "# HELP datapunk_test_latency Call latency. Unit: ms.\n" +
            "# TYPE datapunk_test_latency histogram\n" +
            "datapunk_test_latency_bucket{grain_type=\"user\",le=\"0.5\"} 1\n" +
            "datapunk_test_latency_bucket{grain_type=\"user\",le=\"1\"} 1\n" +
            "datapunk_test_latency_bucket{grain_type=\"user\",le=\"2.5\"} 3\n" +
            "datapunk_test_latency_bucket{grain_type=\"user\",le=\"+Inf\"} 4\n" +
            "datapunk_test_latency_sum{grain_type=\"user\"} 7.25\n" +
            "datapunk_test_latency_count{grain_type=\"user\"} 4\n");
    }

    [Fact]
    public void NumbersAreInvariantUnderAGermanCurrentCulture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            1234.5.ToString(CultureInfo.CurrentCulture).ShouldBe("1234,5", "the test needs a culture with a decimal comma to mean anything");

            var text = PrometheusTextWriter.Write(
            [
                new MetricFamily("datapunk.test.memory", null, null, MetricKind.Gauge, [Point(1234.5)]),
                new MetricFamily("datapunk.test.duration", null, null, MetricKind.Histogram,
                    [new MetricPoint([], 1, new HistogramData([0.25], [1, 0], 0.125, 1))]),
            ]);

            text.ShouldBe(
                "# TYPE datapunk_test_memory gauge\n" +
                "datapunk_test_memory 1234.5\n" +
                "# TYPE datapunk_test_duration histogram\n" +
                "datapunk_test_duration_bucket{le=\"0.25\"} 1\n" +
                "datapunk_test_duration_bucket{le=\"+Inf\"} 1\n" +
                "datapunk_test_duration_sum 0.125\n" +
                "datapunk_test_duration_count 1\n");
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Theory]
    [InlineData("datapunk.actors.calls", "datapunk_actors_calls")]
    [InlineData("http.server-request:duration", "http_server_request:duration")]
    [InlineData("9lives", "_9lives")]
    [InlineData("grün", "gr_n")]
    public void NamesAreSanitised(string name, string expected) =>
        PrometheusTextWriter.SanitizeName(name).ShouldBe(expected);

    [Fact]
    public void LabelNamesLoseColonsAndFamiliesWithoutPointsAreLeftOut()
    {
        var text = PrometheusTextWriter.Write(
        [
            new MetricFamily("datapunk.test.empty", "Nothing recorded yet.", null, MetricKind.Counter, []),
            new MetricFamily("datapunk.test.up", null, null, MetricKind.Gauge, [Point(1, ("host:name", "a"))]),
        ]);

        text.ShouldBe("# TYPE datapunk_test_up gauge\ndatapunk_test_up{host_name=\"a\"} 1\n");
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    public void SpecialNumbersUsePrometheusSpelling(double value, string expected) =>
        PrometheusTextWriter.FormatNumber(value).ShouldBe(expected);

    private static MetricPoint Point(double value, params (string Name, string Value)[] labels) =>
        new(labels.Select(label => new KeyValuePair<string, string>(label.Name, label.Value)).ToList(), value);
}
