using System.Globalization;
using System.Text;

namespace Datapunk.Silo.Tests.Grpc;

/// <summary>
/// A small export of one person with records of several kinds, each title carrying the person's name
/// (so another caller's answers can be searched for it): three place visits at two places in Berlin on
/// 2019-05-03, four location fixes that day, and Spotify plays ending one minute apart from 2019-05-03 01:00 UTC (03:00 in Berlin).
/// </summary>
internal static class RecordsExport
{
    public const int Visits = 3;

    public const int Fixes = 4;

    public static (string Name, byte[] Content)[] Entries(string name, int plays) =>
    [
        ("Takeout/Location History/Semantic Location History/2019/2019_MAY.json", Bytes(SemanticHistory(name))),
        ("Takeout/Location History/Records.json", Bytes(LocationHistory())),
        ("Spotify/MyData/StreamingHistory_music_0.json", Bytes(Plays(name, plays))),
    ];

    private static string SemanticHistory(string name) => "{\"timelineObjects\":[" + string.Join(",",
        Visit($"Café Alpha {name}", "P1-" + name, 52.5200, 13.4050, "2019-05-03T08:00:00Z", "2019-05-03T09:00:00Z"),
        Visit($"Café Alpha {name}", "P1-" + name, 52.5200, 13.4050, "2019-05-03T10:00:00Z", "2019-05-03T11:00:00Z"),
        Visit($"Museum Beta {name}", "P2-" + name, 52.5163, 13.3777, "2019-05-03T12:00:00Z", "2019-05-03T13:30:00Z")) + "]}";

    private static string Visit(string title, string placeId, double lat, double lng, string start, string end) => $$"""
        {"placeVisit":{"location":{"latitudeE7":{{E7(lat)}},"longitudeE7":{{E7(lng)}},"placeId":"{{placeId}}","name":"{{title}}"},
         "duration":{"startTimestamp":"{{start}}","endTimestamp":"{{end}}"} } }
        """;

    private static string LocationHistory() => "{\"locations\":[" + string.Join(",",
        Enumerable.Range(0, Fixes).Select(i =>
            $$"""{"latitudeE7":{{E7(52.5200 + i * 0.001)}},"longitudeE7":{{E7(13.4050)}},"accuracy":10,"timestamp":"2019-05-03T10:{{i:D2}}:00Z"}""")) + "]}";

    private static string Plays(string name, int plays)
    {
        var start = new DateTime(2019, 5, 3, 1, 0, 0, DateTimeKind.Utc);
        return "[" + string.Join(",", Enumerable.Range(0, plays).Select(i =>
            $$"""{"endTime":"{{start.AddMinutes(i):yyyy-MM-dd HH:mm}}","artistName":"Artist {{name}}","trackName":"Track {{i:D5}} {{name}}","msPlayed":60000}""")) + "]";
    }

    private static string E7(double degrees) => ((long)Math.Round(degrees * 1e7)).ToString(CultureInfo.InvariantCulture);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
