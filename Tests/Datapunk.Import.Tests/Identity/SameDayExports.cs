using System.Globalization;
using System.Text;

namespace Datapunk.Import.Tests.Identity;

/// <summary>
/// One morning of a person's life written the five ways Google has exported it: Records.json,
/// the legacy Location History.json, a Semantic Location History month, an Android on-device
/// Timeline export and an iOS one. The same fixes (one a minute, each at 123 ms past its second)
/// and the same visit and trip appear in every file, each at the precision its format carries:
/// E7 integers with milliseconds in the Takeout files, degree strings with 6 decimals and whole
/// seconds with a UTC offset in the phones' exports, whole minutes after a segment's start on iOS.
/// </summary>
internal static class SameDayExports
{
    public const int DeviceTag = 424_242;

    public const string VisitPlaceId = "ChIJSameDayCafe";

    /// <summary>10:00:00.123 UTC on 3 March 2024, the first fix; fix k is k minutes later.</summary>
    public static readonly DateTime Start = new(2024, 3, 3, 10, 0, 0, 123, DateTimeKind.Utc);

    public static readonly DateTime VisitStart = new(2024, 3, 3, 12, 0, 0, 456, DateTimeKind.Utc);

    public static readonly DateTime VisitEnd = new(2024, 3, 3, 13, 0, 0, 789, DateTimeKind.Utc);

    public static readonly DateTime TripEnd = new(2024, 3, 3, 13, 30, 0, 321, DateTimeKind.Utc);

    public static IReadOnlyList<string> Formats { get; } = ["records", "legacy", "semantic", "android", "ios"];

    /// <summary>Fix k as Records.json has it, the richest copy: E7, milliseconds, accuracy, source, device.</summary>
    public static (DateTime Time, int LatitudeE7, int LongitudeE7, int Accuracy) Fix(int k) =>
        (Start.AddMinutes(k), 473_698_000 + (k * 1_237) + (k % 4 == 1 ? 5 : 3), 85_391_000 + (k * 2_411) + 7, 5 + (k % 17));

    /// <summary>The entry (path inside the archive, content) of <paramref name="format"/> holding fixes <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static (string Path, byte[] Content) Entry(string format, int first, int last) => format switch
    {
        "records" => ("Takeout/Location History (Timeline)/Records.json", Records(first, last)),
        "legacy" => ("Takeout/Location History/Location History.json", Legacy(first, last)),
        "semantic" => ("Takeout/Location History (Timeline)/Semantic Location History/2024/2024_MARCH.json", Semantic(first, last)),
        "android" => ("Timeline.json", Android(first, last)),
        "ios" => ("location-history.json", Ios(first, last)),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    private static byte[] Records(int first, int last) => Json(
        "{\"locations\":[",
        Range(first, last).Select(k => Fix(k) is var f
            ? $"{{\"latitudeE7\":{f.LatitudeE7},\"longitudeE7\":{f.LongitudeE7},\"accuracy\":{f.Accuracy},\"source\":\"GPS\",\"deviceTag\":{DeviceTag},\"timestamp\":\"{Iso(f.Time)}\"}}"
            : ""),
        "]}");

    private static byte[] Legacy(int first, int last) => Json(
        "{\"locations\":[",
        Range(first, last).Select(k => Fix(k) is var f
            ? $"{{\"timestampMs\":\"{new DateTimeOffset(f.Time).ToUnixTimeMilliseconds()}\",\"latitudeE7\":{f.LatitudeE7},\"longitudeE7\":{f.LongitudeE7},\"accuracy\":{f.Accuracy + 3}}}"
            : ""),
        "]}");

    private static byte[] Semantic(int first, int last)
    {
        var points = Range(first, last).Select(k => Fix(k) is var f
            ? $"{{\"latE7\":{f.LatitudeE7},\"lngE7\":{f.LongitudeE7},\"accuracyMeters\":{f.Accuracy},\"timestamp\":\"{Iso(f.Time)}\"}}"
            : "");
        var path = Fix(first);
        return Encoding.UTF8.GetBytes(
            "{\"timelineObjects\":[" +
            $"{{\"activitySegment\":{{\"startLocation\":{{\"latitudeE7\":{path.LatitudeE7},\"longitudeE7\":{path.LongitudeE7}}}," +
            $"\"duration\":{{\"startTimestamp\":\"{Iso(Start.AddMinutes(first))}\",\"endTimestamp\":\"{Iso(Start.AddMinutes(last))}\"}}," +
            $"\"activityType\":\"WALKING\",\"simplifiedRawPath\":{{\"points\":[{string.Join(",", points)}]}}}}}}," +
            $"{{\"placeVisit\":{{\"location\":{{\"latitudeE7\":473700001,\"longitudeE7\":85400001,\"placeId\":\"{VisitPlaceId}\",\"name\":\"Café\"}}," +
            $"\"duration\":{{\"startTimestamp\":\"{Iso(VisitStart)}\",\"endTimestamp\":\"{Iso(VisitEnd)}\"}}}}}}," +
            $"{{\"activitySegment\":{{\"startLocation\":{{\"latitudeE7\":473700001,\"longitudeE7\":85400001}},\"endLocation\":{{\"latitudeE7\":473800000,\"longitudeE7\":85500000}}," +
            $"\"duration\":{{\"startTimestamp\":\"{Iso(VisitEnd)}\",\"endTimestamp\":\"{Iso(TripEnd)}\"}},\"activityType\":\"IN_BUS\"}}}}" +
            "]}");
    }

    private static byte[] Android(int first, int last)
    {
        var signals = Range(first, last).Select(k => Fix(k) is var f
            ? $"{{\"position\":{{\"LatLng\":\"{Degrees(f.LatitudeE7)}°, {Degrees(f.LongitudeE7)}°\",\"accuracyMeters\":{f.Accuracy + 1},\"timestamp\":\"{Local(f.Time)}\"}}}}"
            : "");
        return Encoding.UTF8.GetBytes(
            "{\"semanticSegments\":[" +
            $"{{\"startTime\":\"{Local(VisitStart)}\",\"endTime\":\"{Local(VisitEnd)}\",\"visit\":{{\"topCandidate\":{{\"placeId\":\"{VisitPlaceId}\",\"semanticType\":\"UNKNOWN\",\"placeLocation\":{{\"latLng\":\"47.370000°, 8.540000°\"}}}}}}}}," +
            $"{{\"startTime\":\"{Local(VisitEnd)}\",\"endTime\":\"{Local(TripEnd)}\",\"activity\":{{\"start\":{{\"latLng\":\"47.370000°, 8.540000°\"}},\"end\":{{\"latLng\":\"47.380000°, 8.550000°\"}},\"topCandidate\":{{\"type\":\"IN_BUS\"}}}}}}" +
            $"],\"rawSignals\":[{string.Join(",", signals)}]}}");
    }

    private static byte[] Ios(int first, int last)
    {
        var points = Range(first, last).Select(k => Fix(k) is var f
            ? $"{{\"point\":\"geo:{Degrees(f.LatitudeE7)},{Degrees(f.LongitudeE7)}\",\"durationMinutesOffsetFromStartTime\":\"{k - first}\"}}"
            : "");
        var pathStart = new DateTime(Start.AddMinutes(first).Ticks - (Start.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        return Encoding.UTF8.GetBytes(
            "[" +
            $"{{\"startTime\":\"{Local(pathStart)}\",\"endTime\":\"{Local(Start.AddMinutes(last))}\",\"timelinePath\":[{string.Join(",", points)}]}}," +
            $"{{\"startTime\":\"{Local(VisitStart)}\",\"endTime\":\"{Local(VisitEnd)}\",\"visit\":{{\"topCandidate\":{{\"placeID\":\"{VisitPlaceId}\",\"placeLocation\":\"geo:47.370000,8.540000\"}}}}}}," +
            $"{{\"startTime\":\"{Local(VisitEnd)}\",\"endTime\":\"{Local(TripEnd)}\",\"activity\":{{\"start\":\"geo:47.370000,8.540000\",\"end\":\"geo:47.380000,8.550000\",\"topCandidate\":{{\"type\":\"in bus\"}}}}}}" +
            "]");
    }

    private static IEnumerable<int> Range(int first, int last) => Enumerable.Range(first, last - first + 1);

    private static byte[] Json(string open, IEnumerable<string> elements, string close) =>
        Encoding.UTF8.GetBytes(open + string.Join(",", elements) + close);

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>As the phones write times: local (UTC+1), whole seconds, a zero fraction and the offset.</summary>
    private static string Local(DateTime utc) =>
        new DateTimeOffset(utc).ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss'.000'zzz", CultureInfo.InvariantCulture);

    /// <summary>As the phones write coordinates: degrees with 6 decimals, the E7 value rounded half away from zero.</summary>
    private static string Degrees(int e7) =>
        Math.Round(e7 / 10_000_000m, 6, MidpointRounding.AwayFromZero).ToString("F6", CultureInfo.InvariantCulture);
}
