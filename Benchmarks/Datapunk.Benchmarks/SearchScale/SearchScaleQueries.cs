using Datapunk.Grains;

namespace Datapunk.Benchmarks.SearchScale;

/// <summary>One timed search: its class (what kind of query it is), a label and the query.</summary>
internal sealed record ScaleQuery(string Class, string Label, SearchQuery Query);

/// <summary>
/// The fixed queries of the search-scale benchmark, by class: common words, rare words (from the far
/// tail of the Zipf vocabulary), typos, prefixes, other languages' inflections, and filtered searches
/// (kinds, a year, 5 km around a city centre). Each is a first page of 20 results.
/// </summary>
internal static class SearchScaleQueries
{
    public static IReadOnlyList<ScaleQuery> For(SearchVocabulary vocabulary)
    {
        var rare = vocabulary.Tail;
        var berlin = SearchCorpus.Cities[0];
        var year = (new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return
        [
            Plain("common", "watched"),
            Plain("common", "music video"),
            Plain("common", "searched for the"),
            Plain("rare", rare[30_000]),
            Plain("rare", rare[45_000]),
            Plain("rare", $"{rare[200]} {rare[20_000]}"),
            Plain("typo", "musuem"),
            Plain("typo", "lighthuose keeper"),
            Plain("typo", Typo(rare[5_000])),
            Plain("prefix", "astron"),
            Plain("prefix", "bibliot"),
            Plain("prefix", $"{rare[10]} {rare[3_000][..4]}"),
            Plain("multilingual", "Häuser"),
            Plain("multilingual", "châteaux"),
            Plain("multilingual", "Wanderungen in den Bergen"),
            new("kinds", "payment in emails", Query("payment") with { Kinds = ["emails"] }),
            new("kinds", "concert in calendar and notes", Query("concert") with { Kinds = ["calendar_events", "keep_notes"] }),
            new("kinds", $"{rare[1_000]} in YouTube", Query(rare[1_000]) with { Kinds = ["youtube_watches", "youtube_searches"] }),
            new("time range", "concert in 2019", Query("concert") with { From = year.Item1, To = year.Item2 }),
            new("time range", "watched in 2019", Query("watched") with { From = year.Item1, To = year.Item2 }),
            new("time range", $"{rare[2_000]} in 2019", Query(rare[2_000]) with { From = year.Item1, To = year.Item2 }),
            new("near", "café within 5 km of Berlin", Query("café") with { Near = new GeoPoint(berlin.Lat, berlin.Lng), RadiusMeters = 5_000 }),
            new("near", "museum within 5 km of Berlin", Query("museum") with { Near = new GeoPoint(berlin.Lat, berlin.Lng), RadiusMeters = 5_000 }),
            new("near", $"{rare[500]} within 50 km of Berlin", Query(rare[500]) with { Near = new GeoPoint(berlin.Lat, berlin.Lng), RadiusMeters = 50_000 }),
        ];
    }

    private static ScaleQuery Plain(string kind, string text) => new(kind, text, Query(text));

    private static SearchQuery Query(string text) => new(text, [], null, null, [], null, null, 20, null);

    /// <summary>The word with two letters in the middle swapped.</summary>
    private static string Typo(string word) =>
        word.Length < 4 ? word : string.Concat(word.AsSpan(0, 1), word.AsSpan(2, 1), word.AsSpan(1, 1), word.AsSpan(3));
}
