using Datapunk.Cortex.Search;
using Datapunk.Lake;
using Microsoft.Extensions.Options;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>
/// Full text's and fuzzy matching's pool is the newest matches whichever way SearchSql finds them: among
/// the newest records (a common word), reading on (a word neither common nor rare), through the text index
/// (a rare word), and with a radius, from the records within it or, when it holds too many, as PostgreSQL
/// chooses. Settings scaled down so that 300 records exercise each way.
/// </summary>
public sealed class NewestMatchesTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);

    // Pool 8; the newest 20 records are looked at first; fewer than 2 matches there make a word rare.
    private static readonly SearchSettings Scaled = new()
    {
        FullTextPool = 8, CandidateDepth = 8, RecentRecords = 20, RecentMinimum = 2, RecentReach = 200, NearRecords = 1_000,
    };

    [Theory]
    [InlineData("harbour", 2)] // every 2nd record: 10 of the newest 20 match, the pool is found there
    [InlineData("lantern", 5)] // every 5th: 4 of the newest 20, then read on
    [InlineData("quarry", 97)] // every 97th: none of the newest 20, so every match through the index
    public async Task The_pool_is_the_newest_matches_however_common_the_word(string word, int every)
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("newest");
        await InsertAsync(engines, user);
        var expected = Matching(word, every).Take(8).ToList();

        foreach (var kinds in new[] { Array.Empty<string>(), ["keep_notes"] })
        {
            var page = await FindAsync(engines, user, SearchEngines.Query(word, limit: 30) with { Kinds = kinds }, Scaled);
            Ids(page, "fulltext").ShouldBe([.. expected.Order()], $"'{word}' in [{string.Join(", ", kinds)}]: {TextSearchTests.Describe(page)}");
            Ids(page, "fuzzy").ShouldBe([.. expected.Order()], $"'{word}' spelt as a title word: {TextSearchTests.Describe(page)}");
        }

        // Within a time range (the first 150 days): the newest matches of that range.
        var inRange = await FindAsync(engines, user, SearchEngines.Query(word, limit: 30) with { To = Start.AddDays(150) }, Scaled);
        Ids(inRange, "fulltext").ShouldBe([.. Matching(word, every).Where(id => Day(id) < 150).Take(8).Order()], TextSearchTests.Describe(inRange));
    }

    [Fact]
    public async Task A_radius_gives_the_same_newest_matches_from_its_records_or_as_postgresql_chooses()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("nearby");
        await InsertAsync(engines, user);
        // Records on even days are in Berlin, the others 300 km away.
        var query = SearchEngines.Query("harbour", limit: 30) with { Near = new GeoPoint(52.52, 13.405), RadiusMeters = 5_000 };
        var expected = Matching("harbour", 2).Where(id => Day(id) % 2 == 0).Take(8).Order().ToList();

        var fromTheRadius = await FindAsync(engines, user, query, Scaled);
        var chosen = await FindAsync(engines, user, query, new SearchSettings
        {
            FullTextPool = 8, CandidateDepth = 8, RecentRecords = 20, RecentMinimum = 2, RecentReach = 200, NearRecords = 10,
        });

        Ids(fromTheRadius, "fulltext").ShouldBe(expected, TextSearchTests.Describe(fromTheRadius));
        Ids(chosen, "fulltext").ShouldBe(expected, "with more records in the radius than NearRecords: " + TextSearchTests.Describe(chosen));
        Ids(chosen, "fuzzy").ShouldBe(Ids(fromTheRadius, "fuzzy"));
    }

    /// <summary>300 notes, one a day; day d holds `harbour` when d is even, `lantern` every 5th day, `quarry` every 97th.</summary>
    private static Task InsertAsync(SearchEngines engines, string user) =>
        SearchCorpus.InsertAsync(engines.DataSource, user, Enumerable.Range(0, 300).Select(day => new TestRecord(
            RecordKind.KeepNote, $"d{day}", Title(day), "A note of the day.", Start.AddDays(day),
            Lat: day % 2 == 0 ? 52.52 : 50.0, Lng: day % 2 == 0 ? 13.405 : 10.0)));

    private static string Title(int day) => string.Join(' ', new[]
    {
        day % 2 == 0 ? "harbour" : "garden", day % 5 == 0 ? "lantern" : "", day % 97 == 0 ? "quarry" : "", $"walk {day}",
    }.Where(part => part.Length > 0));

    /// <summary>The ids of the days holding <paramref name="word"/>, newest first.</summary>
    private static IEnumerable<string> Matching(string word, int every) =>
        Enumerable.Range(0, 300).Reverse().Where(day => day % every == 0 && Title(day).Contains(word, StringComparison.Ordinal)).Select(day => $"d{day}");

    private static int Day(string id) => int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Ids(SearchPage page, string method) =>
        [.. page.Results.Where(result => result.Matched.Contains(method)).Select(result => result.Id).Order()];

    private static Task<SearchPage> FindAsync(SearchEngines engines, string user, SearchQuery query, SearchSettings settings) =>
        new HybridSearch(engines.DataSource, engines.Models, Options.Create(settings)).SearchAsync(user, query, CancellationToken.None);
}
