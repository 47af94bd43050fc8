using Datapunk.Cortex.Places;
using Datapunk.Lake;
using Datapunk.Lake.Reading;
using static Datapunk.Cortex.Tests.Places.TravellerData;

namespace Datapunk.Cortex.Tests.Places;

/// <summary>The pass samples a month per transaction, resumes at its checkpoint, and starts over when asked after new data.</summary>
public sealed class LocalZonePassTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pass_stopped_after_two_months_resumes_at_the_third_and_ends_with_the_same_spans()
    {
        var data = await CreateAsync("resume", located => located
            .Stay(Utc(2024, 1, 1), Utc(2024, 2, 20), Berlin.Lat, Berlin.Lng, TimeSpan.FromHours(1))
            .Stay(Utc(2024, 2, 21), Utc(2024, 3, 31), NewYork.Lat, NewYork.Lng, TimeSpan.FromHours(1)));
        var first = await data.RunPassAsync();
        // As a crash after February's transaction leaves it: March's samples not written, the checkpoint at March.
        await ExecuteAsync(data, """
            DELETE FROM user_data.local_zone_samples WHERE user_id = @user AND at >= '2024-03-01Z';
            DELETE FROM user_data.local_zone_spans WHERE user_id = @user;
            UPDATE user_data.local_zone_passes SET next_month = '2024-03-01Z', finished_at = NULL WHERE user_id = @user;
            """);
        (await data.Pass.IsPendingAsync(data.UserId, Cancel)).ShouldBeTrue("a pass stopped midway is pending");

        var resumed = await data.RunPassAsync();

        first.ShouldBe(first with { MonthsSampled = 3, Months = 3, Spans = 2 });
        resumed.MonthsSampled.ShouldBe(1, "January and February were sampled before the stop");
        resumed.Samples.ShouldBe(first.Samples);
        resumed.Spans.ShouldBe(2);
        (await data.Pass.IsPendingAsync(data.UserId, Cancel)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_request_after_an_import_makes_the_next_pass_start_over_with_the_new_data()
    {
        var data = await CreateAsync("again", located => located
            .Stay(Utc(2024, 6, 1), Utc(2024, 6, 10), Berlin.Lat, Berlin.Lng, TimeSpan.FromHours(1)));
        await data.RunPassAsync();
        await new LocatedData(data.DataSource, data.UserId)
            .Record(RecordKind.PlaceVisit, "auckland-visit", Utc(2024, 8, 1, 3), "Sky Tower", Auckland)
            .WriteAsync();

        await data.Pass.RequestAsync(data.UserId, Cancel);
        (await data.Pass.IsPendingAsync(data.UserId, Cancel)).ShouldBeTrue();
        var again = await data.RunPassAsync();
        var spans = await new LocalZoneSpans(data.DataSource).ReadAsync(data.UserId, Utc(2024, 1, 1), Utc(2025, 1, 1), Cancel);

        again.MonthsSampled.ShouldBe(3, "June to August, the located record's month included");
        spans.Select(span => span.ZoneId).ShouldBe(["Europe/Berlin", "Pacific/Auckland"]);
        spans[1].End.ShouldBe(Utc(2024, 8, 1, 3) + PlacesDatabase.Options.ZoneReach, "the last zone reaches a week past the last located record");
    }

    [Fact]
    public void Spans_split_the_time_between_two_zones_at_its_middle_and_reach_a_bounded_time_beyond_the_ends()
    {
        var reach = TimeSpan.FromDays(7);
        var spans = ZoneSpanBuilder.Build(
            [new ZoneSample(Utc(2024, 5, 1, 10), "Europe/Berlin"), new ZoneSample(Utc(2024, 5, 1, 11), "Europe/Berlin"),
             new ZoneSample(Utc(2024, 5, 1, 20), "America/New_York"), new ZoneSample(Utc(2024, 5, 2, 9), "America/New_York")],
            reach);

        spans.ShouldBe([
            new StoredZoneSpan(new ZoneSpan(Utc(2024, 5, 1, 10) - reach, Utc(2024, 5, 1, 15, 30), "Europe/Berlin"), 2),
            new StoredZoneSpan(new ZoneSpan(Utc(2024, 5, 1, 15, 30), Utc(2024, 5, 2, 9) + reach, "America/New_York"), 2)]);
    }

    private static async Task ExecuteAsync(TravellerData data, string sql)
    {
        await using var command = data.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("user", data.UserId);
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
