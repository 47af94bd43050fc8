using Datapunk.Cortex.Search;
using Datapunk.Lake;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>
/// Fuzzy matching through each user's vocabulary of title words (migration 0049): spellings within a
/// few edits, kept by every writer of records, never another user's; and the box a radius search
/// narrows by before the exact distance.
/// </summary>
public sealed class FuzzySpellingTests
{
    private static readonly DateTimeOffset May = new(2023, 5, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_swapped_letters_find_the_word_and_a_word_further_away_is_not_a_spelling()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("swap");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.PlaceVisit, "museum", "Museum Island", OccurredAt: May),
            new(RecordKind.SpotifyPlay, "music", "Music for airports", OccurredAt: May),
        ]);

        var page = await engines.FindAsync(user, "musuem");

        var found = page.Results.ShouldHaveSingleItem(TextSearchTests.Describe(page));
        found.Id.ShouldBe("museum");
        found.Matched.ShouldBe(["fuzzy"]);
        found.Snippet.ShouldBe("**Museum** Island");
    }

    [Fact]
    public async Task A_word_only_another_user_holds_is_never_a_spelling()
    {
        var engines = await SearchEngines.LocalAsync();
        var owner = CortexDatabase.NewUserId("speller");
        var other = CortexDatabase.NewUserId("speller");
        await SearchCorpus.InsertAsync(engines.DataSource, owner, [new(RecordKind.KeepNote, "n1", "Xylophonist rehearsal", OccurredAt: May)]);
        await SearchCorpus.InsertAsync(engines.DataSource, other, [new(RecordKind.KeepNote, "n2", "Shopping list", OccurredAt: May)]);

        (await SpellingsAsync(engines, owner, "xylophonst")).ShouldBe("'xylophonist'");
        (await SpellingsAsync(engines, other, "xylophonst")).ShouldBeNull();
        (await engines.FindAsync(other, "xylophonst")).Results.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_words_of_a_title_a_migration_edits_become_spellings()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("edited");
        await SearchCorpus.InsertAsync(engines.DataSource, user, [new(RecordKind.PlaceVisit, "v1", "Unnamed place", OccurredAt: May)]);
        // Only migrations update records (as the owner, as 0007 re-keys them): the app's roles may not.
        await using (var command = engines.DataSource.CreateCommand("UPDATE user_data.records SET title = 'Zeppelinfeld' WHERE user_id = $1 AND identity = 'v1'"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = user });
            (await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
        }

        var page = await engines.FindAsync(user, "zepelinfeld");

        page.Results.Select(result => result.Id).ShouldBe(["v1"], TextSearchTests.Describe(page));
        page.Results[0].Matched.ShouldContain("fuzzy");
    }

    [Fact]
    public async Task A_word_the_user_holds_is_its_own_spelling_and_stop_words_are_left_out()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("known");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.KeepNote, "n1", "Lighthouse keeper diary", OccurredAt: May),
            new(RecordKind.KeepNote, "n2", "Lighthouses of Brittany", OccurredAt: May),
        ]);

        (await SpellingsAsync(engines, user, "lighthouse", "keeper")).ShouldBe("'lighthouse' | 'keeper'");
        (await SpellingsAsync(engines, user, "the", "lighthuose", "of", "keeper")).ShouldBe("'lighthouse' | 'lighthouses' | 'keeper'");
    }

    [Fact]
    public void Every_spelling_is_one_quoted_alternative()
    {
        FuzzySpellings.TsQuery(["museum", "musee", "o'brien", "museum"]).ShouldBe("'museum' | 'musee' | 'o''brien'");
    }

    [Fact]
    public void The_box_around_a_circle_holds_it_and_there_is_none_over_a_pole_or_the_antimeridian()
    {
        var box = NearBox.Around(new GeoPoint(52.52, 13.405), 5_000).ShouldNotBeNull();
        // 5 km is 0.0452 degrees of latitude and 0.0739 of longitude at 52.5 degrees north.
        box.South.ShouldBeLessThan(52.52 - 0.0452);
        box.North.ShouldBeGreaterThan(52.52 + 0.0452);
        box.West.ShouldBeLessThan(13.405 - 0.0739);
        box.East.ShouldBeGreaterThan(13.405 + 0.0739);
        (box.North - box.South).ShouldBeLessThan(0.1, "the box stays close to the circle");

        NearBox.Around(new GeoPoint(89.99, 0), 5_000).ShouldBeNull();
        NearBox.Around(new GeoPoint(0, 179.99), 5_000).ShouldBeNull();
    }

    [Fact]
    public async Task A_radius_across_the_antimeridian_still_finds_what_is_within_it()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("dateline");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.PlaceVisit, "east", "Harbour cafe", OccurredAt: May, Lat: -16.5, Lng: 179.99),
            new(RecordKind.PlaceVisit, "west", "Harbour cafe", OccurredAt: May, Lat: -16.5, Lng: -179.99),
            new(RecordKind.PlaceVisit, "far", "Harbour cafe", OccurredAt: May, Lat: -16.5, Lng: 178.5),
        ]);

        var query = SearchEngines.Query("harbour") with { Near = new GeoPoint(-16.5, 179.999), RadiusMeters = 5_000 };
        var page = await engines.Search.SearchAsync(user, query, CancellationToken.None);

        page.Results.Select(result => result.Id).Order().ToArray().ShouldBe(["east", "west"], TextSearchTests.Describe(page));
    }

    private static async Task<string?> SpellingsAsync(SearchEngines engines, string user, params string[] words)
    {
        await using var connection = await engines.DataSource.OpenConnectionAsync();
        await using var transaction = await UserDataScope.BeginAsync(connection, user, CancellationToken.None);
        await using (var threshold = new NpgsqlCommand("SELECT set_config('pg_trgm.similarity_threshold', '0.2', true)", connection, transaction))
        {
            await threshold.ExecuteNonQueryAsync();
        }

        await UserDataScope.ReadPastRowSecurityAsync(connection, transaction, CancellationToken.None);
        return await FuzzySpellings.FindAsync(connection, transaction, user, words, 5, CancellationToken.None);
    }
}
