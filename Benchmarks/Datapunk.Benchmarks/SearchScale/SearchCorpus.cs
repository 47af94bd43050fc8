using Datapunk.Lake;

namespace Datapunk.Benchmarks.SearchScale;

/// <summary>One generated record, as <c>user_data.records</c> stores it.</summary>
internal sealed record CorpusRecord(
    RecordKind Kind, string Identity, DateTime OccurredAt, string? Title, string? Body, string? Url, (double Lat, double Lng)? Position, int Topic);

/// <summary>
/// The search-scale benchmark's person: record <c>i</c> is a pure function of <c>i</c>, so the first
/// million of ten million are the million-record corpus. Kinds in the proportions of a heavy Google
/// user's Takeout (My Activity, YouTube, Chrome, Spotify, mail, Discord; few notes, contacts, places,
/// photos), 70 % English, 20 % German, 10 % French, titles and bodies of Zipf-distributed words, times
/// over the ten years before 2026-12-01 with more records in recent years, positions for visits and
/// photos around six cities. Bodies for mail (60-300 words), notes, events and messages.
/// </summary>
internal sealed class SearchCorpus(SearchVocabulary vocabulary)
{
    public static readonly DateTime End = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime Start = End.AddYears(-10);

    public static readonly (string Name, double Lat, double Lng)[] Cities =
    [
        ("Berlin", 52.52, 13.405), ("Paris", 48.8566, 2.3522), ("München", 48.1351, 11.582), ("Hamburg", 53.5511, 9.9937),
        ("Lyon", 45.764, 4.8357), ("New York", 40.7128, -74.006),
    ];

    /// <summary>How many topics the records' meanings fall into (the synthetic vectors cluster around them).</summary>
    public const int Topics = 64;

    private static readonly (RecordKind Kind, double Share)[] Kinds =
    [
        (RecordKind.ActivityEvent, 0.25), (RecordKind.BrowserVisit, 0.20), (RecordKind.YoutubeWatch, 0.15), (RecordKind.SpotifyPlay, 0.14),
        (RecordKind.Email, 0.06), (RecordKind.YoutubeSearch, 0.05), (RecordKind.DiscordMessage, 0.05), (RecordKind.PlaceVisit, 0.04),
        (RecordKind.CalendarEvent, 0.02), (RecordKind.Photo, 0.02), (RecordKind.KeepNote, 0.01), (RecordKind.Contact, 0.01),
    ];

    private static readonly string[] PlaceKinds = ["Café", "Museum", "Bahnhof", "Restaurant", "Park", "Gare", "Bäckerei", "Library", "Hotel"];

    public SearchVocabulary Vocabulary => vocabulary;

    public CorpusRecord Record(long index)
    {
        var random = new Random(unchecked((int)(index * 2_654_435_761L)) ^ 0x5eed);
        var kind = PickKind(random.NextDouble());
        var language = random.NextDouble() switch { < 0.7 => 0, < 0.9 => 1, _ => 2 };
        var time = Start.AddSeconds((End - Start).TotalSeconds * Math.Sqrt(random.NextDouble()));
        var identity = $"s{index}";
        string Words(int min, int max) => vocabulary.Words(language, random.Next(min, max + 1), random);
        (double, double) Near()
        {
            var city = Cities[random.Next(Cities.Length)];
            return (city.Lat + ((random.NextDouble() - 0.5) * 0.2), city.Lng + ((random.NextDouble() - 0.5) * 0.3));
        }

        (string? Title, string? Body, string? Url, (double, double)? Position) text = kind switch
        {
            RecordKind.ActivityEvent => (random.Next(2) == 0 ? $"Searched for {Words(1, 4)}" : $"Visited {Words(2, 6)}", null, null, null),
            RecordKind.BrowserVisit => (Words(3, 9), null, $"https://{vocabulary.Word(language, random)}.example/{identity}", null),
            RecordKind.YoutubeWatch => ($"Watched {Words(3, 10)}", null, $"https://www.youtube.com/watch?v={identity}", null),
            RecordKind.SpotifyPlay => ($"{Capital(vocabulary.Word(language, random))} {Capital(vocabulary.Word(language, random))} – {Words(1, 5)}", null, null, null),
            RecordKind.Email => (Words(3, 8), Words(60, 300), null, null),
            RecordKind.YoutubeSearch => (Words(1, 3), null, null, null),
            RecordKind.DiscordMessage => ($"#{vocabulary.Word(language, random)}", Words(4, 30), null, null),
            RecordKind.PlaceVisit => ($"{Capital(vocabulary.Word(language, random))} {PlaceKinds[random.Next(PlaceKinds.Length)]}", null, null, Near()),
            RecordKind.CalendarEvent => (Words(2, 5), Words(0, 25), null, null),
            RecordKind.Photo => ($"IMG_{time:yyyyMMdd_HHmmss}.jpg", null, null, Near()),
            RecordKind.KeepNote => (Words(1, 5), Words(20, 150), null, null),
            _ => ($"{Capital(vocabulary.Word(language, random))} {Capital(vocabulary.Word(0, random))}", null, null, null),
        };
        return new CorpusRecord(kind, identity, time, text.Title, text.Body, text.Url, text.Position, random.Next(Topics));
    }

    private static RecordKind PickKind(double draw)
    {
        foreach (var (kind, share) in Kinds)
        {
            if (draw < share)
            {
                return kind;
            }

            draw -= share;
        }

        return Kinds[^1].Kind;
    }

    private static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
