using Datapunk.Cortex.Search;
using Datapunk.Lake;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>
/// Full-text and fuzzy search find the same newest matches whether the kinds are named (each kind read
/// on its own and merged) or not, and a long body parsed under its own language only is still found by an inflection and
/// by a word of another language in its own form (migration 0037).
/// </summary>
public sealed class RecencyAndLanguageTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private const string GermanBody =
        "Wir haben gestern die alten Häuser am See besichtigt, und die Besitzer sind nicht mit dem Preis zufrieden. " +
        "Der Makler hat uns die Pläne gezeigt, die Fenster sind neu und das Dach ist dicht. " +
        "Ich schreibe dir morgen, wenn wir mit der Bank gesprochen haben, und dann sehen wir weiter. " +
        "Die Kinder fanden den Garten am schönsten, der Hund auch. Das Wetter war gut und wir sind noch lange am Ufer geblieben. Bis bald und liebe Grüße.";

    private const string EnglishBody =
        "We walked through the old town and the market was full of people. The guide told us that the " +
        "Häuser along the river were built in the sixteenth century, and that the bridge was rebuilt after the war. " +
        "This is the part of the trip that I liked most, with the view over the water and the hills behind it. " +
        "In the evening we had dinner at a small place near the station and took the last train back to the city.";

    [Fact]
    public async Task The_newest_matches_are_the_same_whether_the_kinds_are_named_or_not()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("recency");
        // Every third record, spread over 90 days, is a concert (in the calendar on even days, in a
        // note on odd ones); the others are not.
        await SearchCorpus.InsertAsync(engines.DataSource, user, Enumerable.Range(0, 90).Select(day => day % 3 == 0
            ? new TestRecord(day % 2 == 0 ? RecordKind.CalendarEvent : RecordKind.KeepNote, $"c{day}", $"Concert {(day % 2 == 0 ? "jazz evening" : "at the opera")}", null, Start.AddDays(day))
            : new TestRecord(RecordKind.CalendarEvent, $"o{day}", $"Dentist appointment {day}", null, Start.AddDays(day))));

        // Pool 8: the 8 newest of the 30 concerts, found among all kinds or in each named kind merged.
        var unnamed = await FindAsync(engines, user, []);
        Describe(await FindAsync(engines, user, ["calendar_events", "keep_notes"])).ShouldBe(Describe(unnamed));
        var fullText = unnamed.Results.Where(result => result.Matched.Contains("fulltext")).Select(result => result.Id).ToList();
        fullText.Order().ShouldBe(Enumerable.Range(0, 8).Select(n => $"c{87 - (3 * n)}").Order(), Describe(unnamed));
        // Misspelt, the word is found by its spelling in the titles: the same newest matches, named or not.
        foreach (var kinds in new[] { Array.Empty<string>(), ["calendar_events", "keep_notes"] })
        {
            var misspelt = await FindAsync(engines, user, kinds, text: "concret");
            misspelt.Results.Where(result => result.Matched.Contains("fuzzy")).Select(result => result.Id).Order()
                .ShouldBe(fullText.Order(), "fuzzy matching finds the same newest matches: " + Describe(misspelt));
        }

        // The notes alone: the 8 newest concerts on odd days (87, 81, … 45), not the calendar's.
        var notes = await FindAsync(engines, user, ["keep_notes"]);
        notes.Results.Where(result => result.Matched.Contains("fulltext")).Select(result => result.Id).Order()
            .ShouldBe(Enumerable.Range(0, 8).Select(n => $"c{87 - (6 * n)}").Order(), Describe(notes));
    }

    [Fact]
    public async Task A_long_body_is_parsed_under_its_language_and_still_matches_every_form()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("language");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.Email, "de", "Besichtigung", GermanBody, Start),
            new(RecordKind.KeepNote, "en", "Trip notes", EnglishBody, Start),
        ]);

        // German stemming of the German body: Häuser is found by Haus.
        (await engines.FindAsync(user, "Haus")).Results.Select(result => result.Id).ShouldContain("de");
        // The English body was parsed as English only, yet a German word in it matches in its own form.
        var both = await engines.FindAsync(user, "Häuser");
        both.Results.Where(result => result.Matched.Contains("fulltext")).Select(result => result.Id).Order().ShouldBe(["de", "en"]);
    }

    [Fact]
    public async Task The_documents_are_those_of_the_title_and_body_and_follow_an_edit_of_either()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("documents");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            // Kinds that migration 0007 does not re-key (RecordRekeyMigrationTests runs it again on the shared database).
            new(RecordKind.CalendarEvent, "long", "Besichtigung am See", GermanBody, Start),
            new(RecordKind.KeepNote, "short", "Trip notes", "Bring the tickets", Start),
            new(RecordKind.KeepNote, "untitled", null, EnglishBody, Start),
            new(RecordKind.YoutubeSearch, "bare", "rust borrow checker", null, Start),
        ]);
        (await DocumentsDifferAsync(engines, user)).ShouldBe(0, "every record's documents are those 0037's generated columns computed");

        // Updates of the body or the title parse again; an update of neither keeps the documents.
        await ExecuteAsync(engines, user, "UPDATE user_data.records SET body = 'Wir treffen uns am Bahnhof' WHERE user_id = $1 AND identity = 'short'");
        await ExecuteAsync(engines, user, "UPDATE user_data.records SET title = 'Ferienwohnung' WHERE user_id = $1 AND identity = 'untitled'");
        await ExecuteAsync(engines, user, "UPDATE user_data.records SET occurred_at = occurred_at + interval '1 day' WHERE user_id = $1 AND identity = 'bare'");
        (await DocumentsDifferAsync(engines, user)).ShouldBe(0);
        (await engines.FindAsync(user, "Bahnhof")).Results.Select(result => result.Id).ShouldContain("short");
        (await engines.FindAsync(user, "Ferienwohnung")).Results.Select(result => result.Id).ShouldContain("untitled");
        (await engines.FindAsync(user, "tickets")).Results.Where(result => result.Matched.Contains("fulltext")).ShouldBeEmpty("the old body's words are gone");
    }

    private static async Task<long> DocumentsDifferAsync(SearchEngines engines, string user)
    {
        await using var command = engines.DataSource.CreateCommand("""
            SELECT count(*) FROM user_data.records
            WHERE user_id = $1 AND (search_title IS DISTINCT FROM user_data.search_document(title, NULL)
                                    OR search_text IS DISTINCT FROM strip(user_data.search_document(title, body)))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(SearchEngines engines, string user, string sql)
    {
        await using var command = engines.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    private static Task<Grains.SearchPage> FindAsync(SearchEngines engines, string user, IReadOnlyList<string> kinds, string text = "concert")
    {
        var settings = new SearchSettings { FullTextPool = 8, CandidateDepth = 8 };
        return new HybridSearch(engines.DataSource, engines.Models, Options.Create(settings))
            .SearchAsync(user, SearchEngines.Query(text, limit: 30) with { Kinds = kinds }, CancellationToken.None);
    }

    private static string Describe(Grains.SearchPage page) => TextSearchTests.Describe(page);
}
