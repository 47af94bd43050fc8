using Datapunk.Lake;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>One ranking from the three methods, the filters, and pages that neither repeat nor skip.</summary>
public sealed class FusionAndPagingTests
{
    private static readonly DateTimeOffset Start = new(2022, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_record_found_by_more_methods_ranks_above_one_found_by_fewer()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("fusion");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.PlaceVisit, "title", "Pergamon Museum", OccurredAt: Start),
            new(RecordKind.Email, "body", "Weekend", "We might go to a museum on Sunday if it rains.", Start),
        ]);
        await engines.EmbedAllAsync(user);

        var page = await engines.FindAsync(user, "Pergamon Museum");

        page.Results.Select(result => result.Id).ShouldBe(["title"], TextSearchTests.Describe(page));
        page.Results[0].Matched.ShouldBe(["fulltext", "fuzzy", "semantic"]);

        var museum = await engines.FindAsync(user, "museum");
        museum.Results.Select(result => result.Id).ShouldBe(["title", "body"], TextSearchTests.Describe(museum));
        museum.Results[0].Score.ShouldBeGreaterThan(museum.Results[1].Score);
        museum.Results[0].Matched.Count.ShouldBeGreaterThan(museum.Results[1].Matched.Count, TextSearchTests.Describe(museum));
    }

    [Fact]
    public async Task Filters_narrow_by_kind_time_source_and_distance_from_a_point()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("filters");
        var keep = await SearchCorpus.InsertFileAsync(engines.DataSource, user, "google.keep.note");
        var mail = await SearchCorpus.InsertFileAsync(engines.DataSource, user, "google.mail.mbox");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.KeepNote, "berlin-note", "Concert in Berlin", null, Start, 52.52, 13.405, keep),
            new(RecordKind.KeepNote, "paris-note", "Concert in Paris", null, Start.AddMonths(6), 48.857, 2.352, keep),
            new(RecordKind.Email, "berlin-mail", "Concert tickets Berlin", null, Start.AddMonths(1), 52.51, 13.39, mail),
        ]);

        async Task<string[]> Ids(SearchQuery query) =>
            [.. (await engines.Search.SearchAsync(user, query, CancellationToken.None)).Results.Select(result => result.Id).Order()];

        var concert = SearchEngines.Query("concert");
        (await Ids(concert)).ShouldBe(["berlin-mail", "berlin-note", "paris-note"]);
        (await Ids(concert with { Kinds = ["keep_notes"] })).ShouldBe(["berlin-note", "paris-note"]);
        (await Ids(concert with { From = Start.AddDays(1), To = Start.AddMonths(3) })).ShouldBe(["berlin-mail"]);
        (await Ids(concert with { Sources = ["google.mail"] })).ShouldBe(["berlin-mail"]);
        (await Ids(concert with { Sources = ["google.keep.note"] })).ShouldBe(["berlin-note", "paris-note"]);
        (await Ids(concert with { Near = new GeoPoint(52.52, 13.40), RadiusMeters = 5_000 })).ShouldBe(["berlin-mail", "berlin-note"]);
        (await Ids(concert with { Near = new GeoPoint(52.52, 13.40), RadiusMeters = 500 })).ShouldBe(["berlin-note"]);
    }

    [Fact]
    public async Task Pages_of_equal_scores_follow_each_other_without_repeating_or_skipping_a_result()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("pages");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
            Enumerable.Range(0, 23).Select(i => new TestRecord(RecordKind.SpotifyPlay, $"play-{i:00}", "Harbour Lights", $"Play {i}", Start.AddDays(i))));

        var all = await engines.FindAsync(user, "harbour lights", limit: 100);
        all.Results.Count.ShouldBe(23);
        all.Next.ShouldBeNull();

        var paged = new List<string>();
        var query = SearchEngines.Query("harbour lights", limit: 5);
        for (var pages = 1; ; pages++)
        {
            var page = await engines.Search.SearchAsync(user, query, CancellationToken.None);
            paged.AddRange(page.Results.Select(result => result.Id));
            if (page.Next is null)
            {
                pages.ShouldBe(5);
                break;
            }

            query = query with { After = page.Next };
        }

        paged.ShouldBe([.. all.Results.Select(result => result.Id)], "the pages are the one ranking, cut in fives");
    }

    [Fact]
    public async Task Each_method_alone_finds_only_what_it_can_and_an_unknown_method_is_refused()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("methods");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.YoutubeWatch, "bread", "Sourdough bread for beginners", null, Start),
            new(RecordKind.Email, "dinner", "Dinner on Friday?", "Shall we cook pasta together?", Start.AddDays(1)),
        ]);
        await engines.EmbedAllAsync(user);

        async Task<SearchPage> Only(string text, params string[] methods) =>
            await engines.Search.SearchAsync(user, SearchEngines.Query(text) with { Methods = methods }, CancellationToken.None);

        var fullText = await Only("sourdough", SearchMethods.FullText);
        fullText.Results.Select(result => result.Id).ShouldBe(["bread"], TextSearchTests.Describe(fullText));
        fullText.Results[0].Matched.ShouldBe([SearchMethods.FullText]);
        fullText.SemanticModel.ShouldBeNull("the model is not asked when semantic search is not");

        (await Only("sourdouhg", SearchMethods.FullText)).Results.ShouldBeEmpty("a typo is not a word full text knows");
        var fuzzy = await Only("sourdouhg", SearchMethods.Fuzzy);
        fuzzy.Results.Select(result => result.Id).ShouldBe(["bread"], TextSearchTests.Describe(fuzzy));
        fuzzy.Results[0].Matched.ShouldBe([SearchMethods.Fuzzy]);

        var semantic = await Only("baking a loaf at home", SearchMethods.Semantic);
        semantic.Results.ShouldNotBeEmpty();
        semantic.Results[0].Id.ShouldBe("bread", TextSearchTests.Describe(semantic));
        semantic.Results.ShouldAllBe(result => result.Matched.SequenceEqual(new[] { SearchMethods.Semantic }));

        (await Only("?!", SearchMethods.FullText)).Results.ShouldBeEmpty("no word: full text cannot run, and nothing else was asked for");

        var refused = await Should.ThrowAsync<ArgumentException>(() => Only("sourdough", "keyword"));
        refused.Message.ShouldContain("method: 'keyword' is not a search method");
    }

    [Fact]
    public async Task Another_users_identical_records_and_vectors_never_appear()
    {
        var engines = await SearchEngines.LocalAsync();
        var owner = CortexDatabase.NewUserId("owner");
        var other = CortexDatabase.NewUserId("other");
        await SearchCorpus.InsertAsync(engines.DataSource, owner, [new(RecordKind.KeepNote, "mine", "Lighthouse keeper diary", "Storm tonight", Start)]);
        await SearchCorpus.InsertAsync(engines.DataSource, other,
        [
            new(RecordKind.KeepNote, "mine", "Lighthouse keeper diary", "Storm tonight", Start),
            new(RecordKind.KeepNote, "theirs", "Lighthouse keeper diary, part two", "Calm sea", Start),
        ]);
        await engines.EmbedAllAsync(owner);
        await engines.EmbedAllAsync(other);

        foreach (var text in new[] { "lighthouse", "Lighthuose keeper", "stormy night by the lighthouse", "diary" })
        {
            var page = await engines.FindAsync(owner, text);
            page.Results.Select(result => result.Id).ShouldBe(["mine"], $"'{text}': {TextSearchTests.Describe(page)}");
        }

        (await engines.Embedder.StatusAsync(owner, CancellationToken.None)).Embedded.ShouldBe(1);
    }
}
