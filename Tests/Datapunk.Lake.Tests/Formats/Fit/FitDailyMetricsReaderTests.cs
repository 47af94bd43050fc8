using Datapunk.Lake.Formats.Fit;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Fit;

public sealed class FitDailyMetricsReaderTests
{
    private const string MetricsFixture = "google.fit.daily-metrics/Fit/Daily activity metrics/Daily activity metrics.csv";
    private const string MetricsPath = "Takeout/Fit/Daily activity metrics/Daily activity metrics.csv";

    private readonly FitDailyMetricsReader _reader = new();

    [Fact]
    public async Task Reads_one_day_per_row_mapping_every_column_by_its_header_and_skipping_dates_without_values()
    {
        var sink = await FormatHarness.ReadFixtureAsync(_reader, MetricsFixture, MetricsPath);

        sink.Records.Select(r => r.Identity).ShouldBe(
            ["google.fit.day:2021-02-27", "google.fit.day:2021-02-28", "google.fit.day:2021-03-01", "google.fit.day:2021-03-03"],
            "2021-03-02 has only empty cells and yields no day");
        sink.Records.ShouldAllBe(r => r.Kind == RecordKind.FitDay);
        sink.Records[0].OccurredAt.ShouldBe(new DateTime(2021, 2, 27, 0, 0, 0, DateTimeKind.Utc));
        sink.Records[0].Source!.ToJsonString().ShouldBe(
            """{"Date":"2021-02-27","Move Minutes count":42,"Calories (kcal)":2103.5418701171875,"Distance (m)":3310.274715423584,"Heart Points":18,"Heart Minutes":14,"Average speed (m/s)":1.2317811250686646,"Max speed (m/s)":1.8421053,"Min speed (m/s)":0.4519201,"Step count":4521,"Walking duration (ms)":2712000}""");
        sink.Records[1].Source!.ToJsonString().ShouldBe("""{"Date":"2021-02-28","Calories (kcal)":1742}""");
        sink.Records[2].Source!.Count.ShouldBe(22, "the date and the 21 filled columns of 2021-03-01");
        sink.Records[3].Source!["Sleep duration (ms)"]!.GetValue<long>().ShouldBe(27000000);
        sink.Variant.ShouldBe("daily-activity-metrics");
        sink.Warnings.ShouldBeEmpty();
        sink.UnknownFields.ShouldBeEmpty("every column is data mapped by name; no column is unknown");
    }

    [Fact]
    public async Task Reads_the_older_daily_summaries_layout_with_crlf_and_other_column_names()
    {
        var sink = await FormatHarness.ReadFixtureAsync(_reader, "google.fit.daily-metrics/Fit/Daily Aggregations/Daily Summaries.csv", "Takeout/Fit/Daily Aggregations/Daily Summaries.csv");

        sink.Records.Count.ShouldBe(3);
        sink.Records[1].Source!.ToJsonString().ShouldBe(
            """{"Date":"2017-07-22","Calories (kcal)":1811.25,"Average weight (kg)":81.3,"Max weight (kg)":81.3,"Min weight (kg)":81.3}""");
        sink.Records[2].Source!["Biking duration (ms)"]!.GetValue<long>().ShouldBe(2940000);
        sink.Records[2].Source!["Still duration (ms)"]!.GetValue<long>().ShouldBe(38100000, "the last column of a CRLF line has no stray \\r");
        sink.Variant.ShouldBe("daily-summaries");
    }

    [Fact]
    public async Task Reads_a_localised_export_with_a_bom_whatever_its_names()
    {
        var sink = await FormatHarness.ReadFileAsync(_reader, FormatHarness.FixturePath("google.fit.daily-metrics/Fit/일일 활동 측정항목/일일 활동 측정항목.csv"));

        sink.Records.Select(r => r.Identity).ShouldBe(["google.fit.day:2016-11-03", "google.fit.day:2016-11-04"]);
        var source = sink.Records[1].Source!;
        source.Select(field => field.Key).ShouldBe(["날짜", "걸음 수", "칼로리(kcal)", "거리(m)", "평균 심박수(bpm)"], "the BOM is not part of the first header");
        source["걸음 수"]!.GetValue<long>().ShouldBe(10234);
        source["평균 심박수(bpm)"]!.GetValue<double>().ShouldBe(74.5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task Reads_the_same_when_the_stream_trickles(int bytesPerRead)
    {
        var whole = await FormatHarness.ReadFixtureAsync(_reader, MetricsFixture, MetricsPath);

        var trickled = await FormatHarness.ReadFixtureAsync(_reader, MetricsFixture, MetricsPath, bytesPerRead);

        FormatHarness.ShouldReadTheSame(trickled, whole);
    }

    [Fact]
    public async Task Rejects_rows_without_a_date_and_drops_values_beyond_the_header_with_a_warning()
    {
        const string csv = "Date,Step count,Calories (kcal)\n2021-03-01,100,1500.5\nTotal,100,1500.5\n2021-03-02,50,1400,99\n2021-03-03,60,1300,98\n";

        var sink = await FormatHarness.ReadAsync(_reader, csv, MetricsPath);

        sink.Records.Select(r => r.Source!.ToJsonString()).ShouldBe([
            """{"Date":"2021-03-01","Step count":100,"Calories (kcal)":1500.5}""",
            """{"Date":"2021-03-02","Step count":50,"Calories (kcal)":1400}""",
            """{"Date":"2021-03-03","Step count":60,"Calories (kcal)":1300}""",
        ]);
        sink.Rejections.ShouldBe([(RejectReason.UnreadableTime, "The row at byte 54 has an unreadable date in its first column (\"Total\"); it was skipped.")]);
        sink.Warnings.ShouldBe(["The row at byte 71 has more values than the header has columns; the extra values were dropped."]);
    }

    [Fact]
    public async Task Rejects_a_row_without_a_date_or_without_any_value_with_its_offset()
    {
        const string csv = "Date,Step count\n,100\n2021-03-02,\n2021-03-03,7\n";

        var sink = await FormatHarness.ReadAsync(_reader, csv, MetricsPath);

        sink.Records.Select(r => r.OccurredAt).ShouldBe([new DateTime(2021, 3, 3, 0, 0, 0, DateTimeKind.Utc)]);
        sink.Rejections.ShouldBe([
            (RejectReason.MissingTime, "The row at byte 16 has no date in its first column; it was skipped."),
            (RejectReason.MissingField, "The row at byte 21 (2021-03-02) holds no value; it was skipped."),
        ]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_quoted_value_that_never_closes_fails_the_entry_with_its_offset()
    {
        const string csv = "Date,Step count\n2021-03-01,100\n2021-03-02,\"5\n2021-03-03,7\n";

        var failure = await Should.ThrowAsync<ExportFormatException>(() => FormatHarness.ReadAsync(_reader, csv, MetricsPath));

        failure.ByteOffset.ShouldBe(31);
    }

    [Fact]
    public void Detects_by_values_and_units_not_by_localised_names()
    {
        FormatHarness.Detect(_reader, "Takeout/Fit/Tägliche Aktivitätsmesswerte/Tägliche Aktivitätsmesswerte.csv", "Datum,Schritte,Kalorien (kcal)\n2021-03-01,100,1500\n")
            .ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, MetricsPath, "Date,Step count,Calories (kcal)\n2021-03-01,100,1500\n").ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, MetricsPath, "Date,Step count\n").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Fit/Daily activity metrics/2021-03-01.csv", "Start time,End time,Calories (kcal)\n00:00:00.000+01:00,00:15:00.000+01:00,16.8\n")
            .ShouldBe(FormatMatch.None);
        FormatHarness.Detect(_reader, "Takeout/YouTube/subscriptions.csv", "Channel Id,Channel Url,Channel Title\nUC1,http://x,Y\n").ShouldBe(FormatMatch.None);
    }

    [Fact]
    public async Task Reads_the_shared_real_daily_metrics_sample_exactly()
    {
        var sample = FormatHarness.SharedSample("google-fit-data-analysis/Takeout/Fit/Daily activity metrics/Daily activity metrics.csv");
        Assert.SkipWhen(sample is null, "the shared takeout samples are not beside this checkout");

        var sink = await FormatHarness.ReadFileAsync(_reader, sample!);

        sink.Records.Count.ShouldBe(1053);
        sink.Records.Select(r => r.Identity).Distinct().Count().ShouldBe(1053);
        sink.Records[0].Source!.ToJsonString().ShouldBe("""{"Date":"2018-03-19","Average weight (kg)":72,"Max weight (kg)":72,"Min weight (kg)":72}""");
        sink.Records[^1].Source!.ToJsonString().ShouldBe("""{"Date":"2021-02-17","Step count":18}""");
        sink.Records.Count(r => r.Source!.ContainsKey("Step count")).ShouldBe(1029);
        sink.Records.Sum(r => r.Source!["Step count"]?.GetValue<long>() ?? 0).ShouldBe(3479908);
        sink.Warnings.ShouldBeEmpty();
    }
}
