using Datapunk.Lake.Formats.Fit;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Fit;

public sealed class FitDayIntervalsReaderTests
{
    private const string DayFixture = "google.fit.day-intervals/Fit/Daily activity metrics/2021-03-01.csv";
    private const string DayPath = "Takeout/Fit/Daily activity metrics/2021-03-01.csv";

    private readonly FitDayIntervalsReader _reader = new();

    [Fact]
    public async Task Folds_the_intervals_of_a_day_file_into_one_day_summing_totals_and_keeping_extremes_and_means()
    {
        var sink = await FormatHarness.ReadFixtureAsync(_reader, DayFixture, DayPath);

        var day = sink.Records.ShouldHaveSingleItem();
        day.Kind.ShouldBe(RecordKind.FitDay);
        day.Identity.ShouldBe("google.fit.day:2021-03-01", "the same identity as the 2021-03-01 row of the daily CSV");
        day.OccurredAt.ShouldBe(new DateTime(2021, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var source = day.Source!;
        source.Count.ShouldBe(14, "every metric column; the start and end times are not metrics");
        source["Move Minutes count"]!.GetValue<long>().ShouldBe(27);
        source["Calories (kcal)"]!.GetValue<double>().ShouldBe(190.875);
        source["Distance (m)"]!.GetValue<double>().ShouldBe(3254.0, 1e-9);
        source["Heart Points"]!.GetValue<long>().ShouldBe(26);
        source["Average heart rate (bpm)"]!.GetValue<double>().ShouldBe(119.0, "the mean of the two intervals with a heart rate");
        source["Max heart rate (bpm)"]!.GetValue<long>().ShouldBe(171);
        source["Min heart rate (bpm)"]!.GetValue<long>().ShouldBe(81);
        source["Average speed (m/s)"]!.GetValue<double>().ShouldBe(1.6, 1e-9);
        source["Max speed (m/s)"]!.GetValue<double>().ShouldBe(3.4);
        source["Min speed (m/s)"]!.GetValue<double>().ShouldBe(0.5);
        source["Step count"]!.GetValue<long>().ShouldBe(3794);
        source["Walking duration (ms)"]!.GetValue<long>().ShouldBe(1008000);
        source["Running duration (ms)"]!.GetValue<long>().ShouldBe(612000);
        sink.Variant.ShouldBe("day-intervals");
        sink.Warnings.ShouldBeEmpty();
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
        var whole = await FormatHarness.ReadFixtureAsync(_reader, DayFixture, DayPath);

        var trickled = await FormatHarness.ReadFixtureAsync(_reader, DayFixture, DayPath, bytesPerRead);

        FormatHarness.ShouldReadTheSame(trickled, whole);
    }

    [Fact]
    public async Task Text_in_a_metric_column_is_left_out_with_one_warning_per_column()
    {
        const string csv = "Start time,End time,Step count\n00:00:00.000Z,00:15:00.000Z,n/a\n00:15:00.000Z,00:30:00.000Z,12\n00:30:00.000Z,00:45:00.000Z,?\n";

        var sink = await FormatHarness.ReadAsync(_reader, csv, "Takeout/Fit/Daily activity metrics/2020-01-05.csv");

        sink.Records.ShouldHaveSingleItem().Source!.ToJsonString().ShouldBe("""{"Step count":12}""");
        sink.Warnings.ShouldBe(["The column \"Step count\" holds text (\"n/a\" at byte 31); only numbers are added up."]);
    }

    [Fact]
    public async Task A_day_file_whose_intervals_hold_nothing_rejects_its_day()
    {
        var sink = await FormatHarness.ReadAsync(_reader, "Start time,End time,Step count\n00:00:00.000Z,00:15:00.000Z,\n", "Takeout/Fit/Daily activity metrics/2020-01-05.csv");

        sink.Records.ShouldBeEmpty();
        sink.Rejections.ShouldBe([(RejectReason.MissingField, "The 1 intervals of 2020-01-05 hold no values; no day was recorded.")]);
        sink.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_renamed_day_file_fails_because_its_date_was_only_in_the_name()
    {
        var failure = await Should.ThrowAsync<ExportFormatException>(
            () => FormatHarness.ReadFixtureAsync(_reader, DayFixture, "Takeout/Fit/Daily activity metrics/copy of day.csv"));

        failure.ByteOffset.ShouldBe(0);
    }

    [Fact]
    public void Detects_interval_rows_whatever_the_header_language()
    {
        FormatHarness.Detect(_reader, "Takeout/Fit/일일 활동 측정항목/2016-11-03.csv", "시작 시간,종료 시간,걸음 수\n10:00:00.000-07:00,10:15:00.000-07:00,321\n")
            .ShouldBe(FormatMatch.ByContentAndName);
        FormatHarness.Detect(_reader, "Takeout/elsewhere/day.csv", "Start time,End time,Step count\n00:00:00.000+01:00,00:15:00.000+01:00,5\n").ShouldBe(FormatMatch.ByContent);
        FormatHarness.Detect(_reader, DayPath, "Start time,End time,Step count\n").ShouldBe(FormatMatch.ByName);
        FormatHarness.Detect(_reader, "Takeout/Fit/x.csv", "Date,Step count,Calories (kcal)\n2021-03-01,100,1500\n").ShouldBe(FormatMatch.None);
    }
}
