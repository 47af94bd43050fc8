using System.Globalization;
using System.Text;

namespace Datapunk.Import.Tests.Reading;

/// <summary>
/// One person's small export with values chosen so every reading answer can be worked out by hand
/// (the comments give the sums): place visits, fixes, Spotify plays, YouTube watches and Fit days,
/// most on 2019-05-03, some near midnight so that UTC and Europe/Berlin (UTC+2 in May) put them on
/// different days. The person's name is written into every title, so another person's
/// answers can be searched for it.
/// </summary>
internal static class ReadingExport
{
    public const string SemanticPath = "Takeout/Location History/Semantic Location History/2019/2019_MAY.json";

    /// <summary>Plays ending in the same minute (account history has minutes): equal times for paging.</summary>
    public const int SameMinutePlays = 25;

    public static (string Name, byte[] Content)[] Entries(string name) =>
    [
        (SemanticPath, Bytes(SemanticHistory(name))),
        ("Takeout/Location History/Records.json", Bytes(Fixes())),
        ("Spotify/MyData/StreamingHistory_music_0.json", Bytes(Plays(name))),
        ("Takeout/YouTube and YouTube Music/history/watch-history.json", Bytes(Watches(name))),
        ("Takeout/Fit/Daily activity metrics/Daily activity metrics.csv", Bytes("Date,Step count,Distance (m)\n2019-05-03,4521,3310.2\n2019-05-04,,1000\n")),
        ("Takeout/Keep/Long note.json", Bytes(LongNote(name))),
    ];

    /// <summary>The length of the Keep note's text: longer than a body is shown and than source fields are returned.</summary>
    public const int LongNoteLength = 17_000;

    // Created and edited 2019-05-03 15:00Z.
    private static string LongNote(string name) =>
        $$"""{"title":"Long note {{name}}","textContent":"{{new string('x', LongNoteLength)}}","userEditedTimestampUsec":1556895600000000,"createdTimestampUsec":1556895600000000,"isTrashed":false}""";

    // Visits: P1 at 2019-05-02 23:30Z (Berlin: 05-03 01:30) for 1 h and 05-03 10:00Z for 1 h; P2 05-03 12:00Z for 1.5 h;
    // an unnamed-id park on 05-04 08:00Z for 1 h.
    private static string SemanticHistory(string name) => "{\"timelineObjects\":[" + string.Join(",",
        Visit($"Café Alpha {name}", "P1-" + name, 52.5200, 13.4050, "2019-05-02T23:30:00Z", "2019-05-03T00:30:00Z"),
        Visit($"Café Alpha {name}", "P1-" + name, 52.5200, 13.4050, "2019-05-03T10:00:00Z", "2019-05-03T11:00:00Z"),
        Visit($"Museum Beta {name}", "P2-" + name, 52.5163, 13.3777, "2019-05-03T12:00:00Z", "2019-05-03T13:30:00Z"),
        Visit($"Park Gamma {name}", null, 52.5100, 13.3500, "2019-05-04T08:00:00Z", "2019-05-04T09:00:00Z")) + "]}";

    private static string Visit(string title, string? placeId, double lat, double lng, string start, string end) => $$"""
        {"placeVisit":{"location":{"latitudeE7":{{E7(lat)}},"longitudeE7":{{E7(lng)}},{{(placeId is null ? "" : $"\"placeId\":\"{placeId}\",")}}"name":"{{title}}"},
         "duration":{"startTimestamp":"{{start}}","endTimestamp":"{{end}}"} } }
        """;

    // 2019-05-02 22:30Z (Berlin: 05-03 00:30); then on 05-03 10:00Z, 10:01 (1.000756 km north), 10:02 in Munich and 10:03 back
    // (505 km in a minute each way: jumps), 10:30 (0.994405 km east). Distance on 05-03: 1.995161 km.
    private static string Fixes() => "{\"locations\":[" + string.Join(",",
        Fix("2019-05-02T22:30:00Z", 52.5200, 13.4050),
        Fix("2019-05-03T10:00:00Z", 52.5200, 13.4050),
        Fix("2019-05-03T10:01:00Z", 52.5290, 13.4050),
        Fix("2019-05-03T10:02:00Z", 48.1351, 11.5820),
        Fix("2019-05-03T10:03:00Z", 52.5290, 13.4050),
        Fix("2019-05-03T10:30:00Z", 52.5290, 13.4197)) + "]}";

    private static string Fix(string time, double lat, double lng) =>
        $$"""{"latitudeE7":{{E7(lat)}},"longitudeE7":{{E7(lng)}},"accuracy":10,"source":"GPS","timestamp":"{{time}}"}""";

    // 25 one-minute plays ending 2019-05-03 18:00 UTC, and a two-minute play ending 22:30 UTC (Berlin: 05-04 00:30).
    private static string Plays(string name) => "[" + string.Join(",",
        Enumerable.Range(0, SameMinutePlays).Select(i => Play("2019-05-03 18:00", $"Track {i:D2} {name}", 60_000))
            .Append(Play("2019-05-03 22:30", $"Late track {name}", 120_000))) + "]";

    private static string Play(string endTime, string track, int msPlayed) =>
        $$"""{"endTime":"{{endTime}}","artistName":"Artist {{track}}","trackName":"{{track}}","msPlayed":{{msPlayed}}}""";

    // Two watches on 2019-05-03 UTC by day and one at 23:10Z (Berlin: 05-04 01:10).
    private static string Watches(string name) => "[" + string.Join(",",
        Watch($"Video one {name}", "2019-05-03T08:00:00.000Z"),
        Watch($"Video two {name}", "2019-05-03T09:00:00.000Z"),
        Watch($"Video three {name}", "2019-05-03T23:10:00.000Z")) + "]";

    private static string Watch(string title, string time) => $$"""
        {"header":"YouTube","title":"Watched {{title}}","titleUrl":"https://www.youtube.com/watch?v\u003d{{Math.Abs(title.GetHashCode()):D11}}",
         "time":"{{time}}","products":["YouTube"],"activityControls":["YouTube watch history"]}
        """;

    private static string E7(double degrees) => ((long)Math.Round(degrees * 1e7)).ToString(CultureInfo.InvariantCulture);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
