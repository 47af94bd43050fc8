using Datapunk.Lake.Reading;

namespace Datapunk.Import.Tests.Reading;

/// <summary>The timeline: every kind in time order on the user's local day, fixes summarised per hour, paged without loss.</summary>
public sealed class TimelineReaderTests
{
    private static readonly DateOnly Third = new(2019, 5, 3);

    private static TimelineQuery Day(string zone, int limit = 500, string? after = null) => new(Third, Third, zone, limit, after);

    [Fact]
    public async Task A_Berlin_day_starts_at_22_UTC_the_day_before_and_shows_local_and_UTC_times()
    {
        await ReadingData.ReadyAsync();

        var page = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("Europe/Berlin"), ReadingData.Cancel);

        page.TimeZone.ShouldBe("Europe/Berlin");
        page.Next.ShouldBeNull();
        page.Entries.Select(entry => entry.Kind).ShouldBe(
            ["location_points", "place_visits", "fit_days", "youtube_watches", "youtube_watches", "location_points", "place_visits", "place_visits", "keep_notes",
             .. Enumerable.Repeat("spotify_plays", ReadingExport.SameMinutePlays)],
            "the fixes at 00:30 local, the visit at 01:30 local (23:30 UTC the day before), …; the late play and the late watch fall on the next local day");
        var visit = page.Entries[1];
        visit.At.ShouldBe(new DateTimeOffset(2019, 5, 2, 23, 30, 0, TimeSpan.Zero));
        visit.LocalAt.ShouldBe(new DateTimeOffset(2019, 5, 3, 1, 30, 0, TimeSpan.FromHours(2)));
        visit.LocalAt.Offset.ShouldBe(TimeSpan.FromHours(2), "local times carry the zone's offset");
        visit.Title.ShouldBe("Café Alpha Anna");
        page.Entries.ShouldAllBe(entry => entry.Title == null || !entry.Title.Contains("Bernd"));
    }

    [Fact]
    public async Task Location_fixes_are_summarised_per_local_hour_with_their_count_and_first_and_last_fix()
    {
        await ReadingData.ReadyAsync();

        var page = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("Europe/Berlin"), ReadingData.Cancel);

        var hours = page.Entries.Where(entry => entry.Kind == "location_points").ToList();
        hours.Select(hour => hour.LocalAt).ShouldBe([
            new DateTimeOffset(2019, 5, 3, 0, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2019, 5, 3, 12, 0, 0, TimeSpan.FromHours(2))]);
        hours[0].LocalEndedAt.ShouldBe(new DateTimeOffset(2019, 5, 3, 1, 0, 0, TimeSpan.FromHours(2)));
        hours[0].Fixes.ShouldNotBeNull().Count.ShouldBe(1);
        var noon = hours[1].Fixes.ShouldNotBeNull();
        noon.Count.ShouldBe(5, "10:00, 10:01, 10:02 (Munich), 10:03 and 10:30 UTC");
        noon.FirstAt.ShouldBe(new DateTimeOffset(2019, 5, 3, 10, 0, 0, TimeSpan.Zero));
        noon.First.ShouldBe(new GeoPoint(52.52, 13.405));
        noon.LastAt.ShouldBe(new DateTimeOffset(2019, 5, 3, 10, 30, 0, TimeSpan.Zero));
        noon.Last.ShouldBe(new GeoPoint(52.529, 13.4197));
    }

    [Fact]
    public async Task The_same_date_in_UTC_holds_the_late_play_and_watch_and_not_the_visit_of_the_evening_before()
    {
        await ReadingData.ReadyAsync();

        var page = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("UTC"), ReadingData.Cancel);

        page.Entries.Count.ShouldBe(34);
        page.Entries.ShouldNotContain(entry => entry.Title == "Café Alpha Anna" && entry.At.Day == 2);
        page.Entries.ShouldContain(entry => entry.Kind == "spotify_plays" && entry.At == new DateTimeOffset(2019, 5, 3, 22, 30, 0, TimeSpan.Zero));
        page.Entries[^1].Kind.ShouldBe("youtube_watches");
        page.Entries.Where(entry => entry.Kind == "location_points").ShouldHaveSingleItem().Fixes!.Count.ShouldBe(5);
    }

    [Fact]
    public async Task Pages_of_a_timeline_with_equal_times_join_into_the_whole_day()
    {
        await ReadingData.ReadyAsync();
        var whole = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("Europe/Berlin"), ReadingData.Cancel);

        var paged = new List<TimelineEntry>();
        string? after = null;
        do
        {
            var page = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("Europe/Berlin", limit: 4, after), ReadingData.Cancel);
            page.Entries.Count.ShouldBeLessThanOrEqualTo(4);
            paged.AddRange(page.Entries);
            after = page.Next;
        }
        while (after is not null && paged.Count <= whole.Entries.Count);

        paged.Select(entry => (entry.Kind, entry.Id)).ShouldBe(whole.Entries.Select(entry => (entry.Kind, entry.Id)));
        paged.Where(entry => entry.Kind == "location_points").Sum(entry => entry.Fixes!.Count).ShouldBe(6, "an hour's summary is whole on whichever page it lands");
    }

    [Fact]
    public async Task Kinds_asked_for_are_the_only_ones_shown_and_fixes_are_a_kind_like_the_others()
    {
        await ReadingData.ReadyAsync();
        var whole = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("Europe/Berlin"), ReadingData.Cancel);

        var visits = await ReadingData.Timeline.ReadAsync(
            ReadingData.A, Day("Europe/Berlin") with { Kinds = ["place_visits", "location_points"] }, ReadingData.Cancel);
        var music = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("Europe/Berlin") with { Kinds = ["spotify_plays"] }, ReadingData.Cancel);

        visits.Entries.Select(entry => (entry.Kind, entry.Id)).ShouldBe(
            whole.Entries.Where(entry => entry.Kind is "place_visits" or "location_points").Select(entry => (entry.Kind, entry.Id)));
        music.Entries.Count.ShouldBe(ReadingExport.SameMinutePlays);
        music.Entries.ShouldAllBe(entry => entry.Kind == "spotify_plays");
    }

    [Fact]
    public async Task Sources_asked_for_are_the_only_ones_shown_by_format_or_family_and_each_entry_names_its_own()
    {
        await ReadingData.ReadyAsync();
        var whole = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("Europe/Berlin"), ReadingData.Cancel);
        whole.Entries.ShouldAllBe(entry => entry.Source != null, "every entry was stored by an import's file");
        var plays = whole.Entries.First(entry => entry.Kind == "spotify_plays").Source!;

        var location = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("Europe/Berlin") with { Sources = ["google.location"] }, ReadingData.Cancel);
        var music = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("Europe/Berlin") with { Sources = [plays] }, ReadingData.Cancel);
        var none = await ReadingData.Timeline.ReadAsync(ReadingData.A, Day("Europe/Berlin") with { Sources = ["discord"] }, ReadingData.Cancel);

        location.Entries.Select(entry => (entry.Kind, entry.Id)).ShouldBe(
            whole.Entries.Where(entry => entry.Source!.StartsWith("google.location.", StringComparison.Ordinal)).Select(entry => (entry.Kind, entry.Id)));
        location.Entries.Select(entry => entry.Kind).Distinct().ShouldBe(["location_points", "place_visits"], ignoreOrder: true);
        music.Entries.Count.ShouldBe(ReadingExport.SameMinutePlays);
        music.Entries.ShouldAllBe(entry => entry.Kind == "spotify_plays" && entry.Source == plays);
        none.Entries.ShouldBeEmpty("nothing of this day came from Discord");
        TimelineQueries.Check(Day("UTC") with { Sources = ["Google Location"] }).ByParameter["source"].ShouldHaveSingleItem()
            .ShouldStartWith("'Google Location' is not an export format id");
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_the_kinds_there_are()
    {
        var errors = TimelineQueries.Check(Day("UTC") with { Kinds = ["songs"] });

        errors.ByParameter["kind"].ShouldHaveSingleItem().ShouldStartWith("'songs' is not a kind; the kinds are location_points, ");
        await Should.ThrowAsync<ArgumentException>(() => ReadingData.Timeline.ReadAsync(ReadingData.A, Day("UTC") with { Kinds = ["songs"] }, ReadingData.Cancel));
    }
}
