using Datapunk.Lake;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>Full-text and fuzzy search on real PostgreSQL: stemming in English and German, prefixes, typos, snippets.</summary>
public sealed class TextSearchTests
{
    private static readonly DateTimeOffset May = new(2023, 5, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_typo_in_a_name_is_found_by_fuzzy_matching()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("fuzzy");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.PlaceVisit, "v1", "Museum Beta", OccurredAt: May),
            new(RecordKind.PlaceVisit, "v2", "Central Station", OccurredAt: May),
        ]);

        var page = await engines.FindAsync(user, "Musem Beta");

        var found = page.Results.ShouldHaveSingleItem($"only the museum resembles 'Musem Beta'; found {Describe(page)}");
        found.Id.ShouldBe("v1");
        found.Kind.ShouldBe("place_visits");
        found.Matched.ShouldBe(["fuzzy"]);
        found.Snippet.ShouldBe("**Museum** **Beta**");
    }

    [Fact]
    public async Task Words_before_the_last_are_required_whole_from_title_or_body_and_without_them_full_text_finds_nothing()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("wholewords");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.KeepNote, "n1", "Lighthouse keeper", "A diary of the storms on the island.", May),
            new(RecordKind.KeepNote, "n2", "Keepsakes", "Shells and postcards.", May),
        ]);

        (await engines.FindAsync(user, "lighthouse kee")).Results.ShouldContain(result => result.Id == "n1" && result.Matched.Contains("fulltext"));
        (await engines.FindAsync(user, "diary kee")).Results
            .ShouldContain(result => result.Id == "n1" && result.Matched.Contains("fulltext"), "a whole word of the body counts as one of the title");
        var typo = await engines.FindAsync(user, "lighthuose kee");
        typo.Results.ShouldNotContain(result => result.Matched.Contains("fulltext"), $"no record holds 'lighthuose'; found {Describe(typo)}");
    }

    [Fact]
    public async Task An_inflected_english_word_is_found_by_its_stem_and_highlighted()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("english");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.KeepNote, "n1", "Morning", "She runs along the river every morning before work.", May),
            new(RecordKind.KeepNote, "n2", "Groceries", "Oat milk, tomatoes and coffee.", May),
        ]);

        var page = await engines.FindAsync(user, "running");

        var found = page.Results.ShouldHaveSingleItem(Describe(page));
        found.Id.ShouldBe("n1");
        found.Matched.ShouldContain("fulltext");
        found.Snippet.ShouldNotBeNull().ShouldContain("**runs**");
    }

    [Fact]
    public async Task A_german_plural_is_found_by_its_singular_through_german_stemming()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("german");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.Email, "m1", "Besichtigung", "Wir haben gestern die alten Häuser am See besichtigt.", May),
            new(RecordKind.Email, "m2", "Rechnung", "Anbei die Rechnung für den Monat Mai.", May),
        ]);

        var page = await engines.FindAsync(user, "Haus");

        var found = page.Results.ShouldHaveSingleItem(Describe(page));
        found.Id.ShouldBe("m1");
        found.Matched.ShouldBe(["fulltext"]);
        found.Snippet.ShouldNotBeNull().ShouldContain("**Häuser**");
    }

    [Fact]
    public async Task The_last_word_of_a_query_matches_as_a_prefix()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("prefix");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.YoutubeWatch, "w1", "Natural history museum tour", OccurredAt: May),
            new(RecordKind.YoutubeWatch, "w2", "Muffin recipe", OccurredAt: May),
        ]);

        var page = await engines.FindAsync(user, "history muse");

        page.Results.Select(result => result.Id).ShouldBe(["w1"], Describe(page));
        page.Results[0].Matched.ShouldContain("fulltext");
    }

    [Fact]
    public async Task Query_text_cannot_inject_tsquery_operators()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("operators");
        await SearchCorpus.InsertAsync(engines.DataSource, user, [new(RecordKind.KeepNote, "n1", "Budget", "Quarterly budget review", May)]);

        var page = await engines.FindAsync(user, "budget' | !(:* & review <->");

        page.Results.Select(result => result.Id).ShouldBe(["n1"], Describe(page));
    }

    internal static string Describe(Grains.SearchPage page) =>
        page.Results.Count == 0 ? "nothing" : string.Join("; ", page.Results.Select(r => $"{r.Kind}/{r.Id} {r.Score:0.0000} [{string.Join(",", r.Matched)}] {r.Title}"));
}
