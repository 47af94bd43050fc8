namespace Datapunk.Import.Tests.Reading;

/// <summary>Records by kind, time, source and text, a page at a time, only ever the reader's own.</summary>
public sealed class RecordsReaderTests
{
    private static RecordsQuery Query(params string[] kinds) => new(kinds, null, null, null, null, 100, null);

    [Fact]
    public async Task Place_visits_come_newest_first_with_position_source_and_provenance_and_none_of_the_other_user()
    {
        await ReadingData.ReadyAsync();

        var page = await ReadingData.Records.ListAsync(ReadingData.A, Query("place_visits"), ReadingData.Cancel);

        page.Records.Select(record => record.Title).ShouldBe(["Park Gamma Anna", "Museum Beta Anna", "Café Alpha Anna", "Café Alpha Anna"]);
        page.Next.ShouldBeNull("four records fit one page");
        var museum = page.Records[1];
        museum.Kind.ShouldBe("place_visits");
        museum.OccurredAt.ShouldBe(new DateTimeOffset(2019, 5, 3, 12, 0, 0, TimeSpan.Zero));
        museum.EndedAt.ShouldBe(new DateTimeOffset(2019, 5, 3, 13, 30, 0, TimeSpan.Zero));
        museum.Position.ShouldBe(new GeoPoint(52.5163, 13.3777));
        museum.Source.ShouldNotBeNull().ShouldContain("\"placeId\": \"P2-Anna\"");
        museum.Provenance.ShouldNotBeNull().ImportId.ShouldBe(ReadingData.ImportA);
        museum.Provenance.Path.ShouldBe(ReadingExport.SemanticPath);
        museum.Provenance.Format.ShouldBe("google.location.semantic");
    }

    [Fact]
    public async Task Every_kind_of_one_user_never_includes_a_record_of_the_other()
    {
        await ReadingData.ReadyAsync();

        var page = await ReadingData.Records.ListAsync(ReadingData.A, Query() with { Limit = 500 }, ReadingData.Cancel);

        page.Records.Count.ShouldBe(4 + ReadingExport.SameMinutePlays + 1 + 3 + 2 + 1, "A's visits, plays, watches, Fit days and note");
        page.Records.ShouldAllBe(record => record.Title == null || !record.Title.Contains("Bernd"));
        page.Records.ShouldAllBe(record => record.Source == null || !record.Source.Contains("Bernd"));
    }

    [Fact]
    public async Task Records_named_by_kind_and_id_come_in_the_order_named_and_never_another_users()
    {
        await ReadingData.ReadyAsync();
        var mine = (await ReadingData.Records.ListAsync(ReadingData.A, Query("place_visits"), ReadingData.Cancel)).Records;
        // Identities are derived from content, so the two users share some; only B's own are B's alone.
        var theirs = (await ReadingData.Records.ListAsync(ReadingData.B, Query("place_visits"), ReadingData.Cancel)).Records
            .Where(record => mine.All(own => own.Id != record.Id)).ToList();
        theirs.ShouldNotBeEmpty();

        var named = await ReadingData.Records.GetAsync(
            ReadingData.A,
            [new(mine[2].Kind, mine[2].Id), new(theirs[0].Kind, theirs[0].Id), new("emails", "no-such-mail"), new(mine[0].Kind, mine[0].Id)],
            ReadingData.Cancel);

        named.Select(record => record.Id).ShouldBe([mine[2].Id, mine[0].Id], "the other user's record and an unknown id are skipped");
        named[0].ShouldBe(mine[2], "a record read by its id is the record the list shows");
        await Should.ThrowAsync<ArgumentException>(() => ReadingData.Records.GetAsync(ReadingData.A, [new("no_such_kind", "x")], ReadingData.Cancel));
    }

    [Fact]
    public async Task Pages_of_records_with_equal_times_have_no_duplicates_and_no_gaps()
    {
        await ReadingData.ReadyAsync();
        var whole = await ReadingData.Records.ListAsync(ReadingData.A, Query("spotify_plays"), ReadingData.Cancel);

        var paged = new List<StoredRecord>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await ReadingData.Records.ListAsync(ReadingData.A, Query("spotify_plays") with { Limit = 7, After = after }, ReadingData.Cancel);
            page.Records.Count.ShouldBeLessThanOrEqualTo(7);
            paged.AddRange(page.Records);
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        whole.Records.Count.ShouldBe(ReadingExport.SameMinutePlays + 1);
        pages.ShouldBe(4, "26 plays in pages of 7");
        paged.Select(record => record.Id).ShouldBe(whole.Records.Select(record => record.Id), "the pages, in order, are the whole listing");
        paged.Select(record => record.Id).Distinct().Count().ShouldBe(paged.Count, "no record is on two pages");
    }

    [Fact]
    public async Task Time_range_source_and_text_filter_and_combine()
    {
        await ReadingData.ReadyAsync();

        var onThird = await ReadingData.Records.ListAsync(ReadingData.A, Query("place_visits") with
        {
            From = new DateTimeOffset(2019, 5, 3, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2019, 5, 3, 12, 0, 0, TimeSpan.Zero),
        }, ReadingData.Cancel);
        var spotify = await ReadingData.Records.ListAsync(ReadingData.A, Query() with { Source = "spotify", Limit = 500 }, ReadingData.Cancel);
        var exactFormat = await ReadingData.Records.ListAsync(ReadingData.A, Query() with { Source = "google.location.semantic" }, ReadingData.Cancel);
        var substring = await ReadingData.Records.ListAsync(ReadingData.A, Query() with { Text = "ALPHA" }, ReadingData.Cancel);
        var misspelt = await ReadingData.Records.ListAsync(ReadingData.A, Query() with { Text = "Musem Beta" }, ReadingData.Cancel);
        var otherUsersName = await ReadingData.Records.ListAsync(ReadingData.A, Query() with { Text = "Bernd" }, ReadingData.Cancel);

        onThird.Records.Select(record => record.OccurredAt!.Value.Hour).ShouldBe([10], "from is included, to is excluded");
        spotify.Records.Count.ShouldBe(ReadingExport.SameMinutePlays + 1);
        spotify.Records.ShouldAllBe(record => record.Kind == "spotify_plays" && record.Provenance!.Format == "spotify.streaming-history");
        exactFormat.Records.Count.ShouldBe(4);
        substring.Records.Select(record => record.Title).ShouldBe(["Café Alpha Anna", "Café Alpha Anna"], "any case");
        misspelt.Records.Select(record => record.Title).ShouldBe(["Museum Beta Anna"], "words resembling the title's");
        otherUsersName.Records.ShouldBeEmpty("B's records are not A's, whatever A searches for");
    }

    [Fact]
    public async Task A_long_body_is_cut_with_a_flag_and_a_missing_user_is_refused()
    {
        await ReadingData.ReadyAsync();

        var note = (await ReadingData.Records.ListAsync(ReadingData.A, Query("keep_notes"), ReadingData.Cancel)).Records.ShouldHaveSingleItem();

        note.Title.ShouldBe("Long note Anna");
        note.Body.ShouldBe(new string('x', StoredRecord.MaxBodyLength));
        note.BodyTruncated.ShouldBeTrue();
        note.Source.ShouldBeNull($"the note's source fields hold {ReadingExport.LongNoteLength} characters of text");
        note.SourceOmitted.ShouldBeTrue();
        await Should.ThrowAsync<InvalidOperationException>(() => ReadingData.Records.ListAsync("", Query(), ReadingData.Cancel));
        await Should.ThrowAsync<ArgumentException>(() => ReadingData.Records.ListAsync(ReadingData.A, Query("location_points"), ReadingData.Cancel));
    }
}
