using System.Globalization;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// Reads the approximate position an activity was recorded at from its location link
/// (<c>…maps/@?api=1&amp;map_action=map&amp;center=37.77,-122.42</c>, <c>maps?q=25.80,-80.18</c>, <c>maps/@33.5,-88.9,14z</c>).
/// </summary>
public static class ActivityLocations
{
    public static bool TryParse(string? url, out int latitudeE7, out int longitudeE7)
    {
        latitudeE7 = longitudeE7 = 0;
        if (url is null)
        {
            return false;
        }

        foreach (var marker in (ReadOnlySpan<string>)["center=", "q=", "@"])
        {
            var at = url.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && TryPair(url.AsSpan(at + marker.Length), out latitudeE7, out longitudeE7))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryPair(ReadOnlySpan<char> text, out int latitudeE7, out int longitudeE7)
    {
        latitudeE7 = longitudeE7 = 0;
        var comma = text.IndexOf(',');
        if (comma <= 0)
        {
            return false;
        }

        var rest = text[(comma + 1)..];
        var end = rest.IndexOfAnyExcept("0123456789.-");
        if (!double.TryParse(text[..comma], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            || !double.TryParse(end < 0 ? rest : rest[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            || Math.Abs(latitude) > 90 || Math.Abs(longitude) > 180)
        {
            return false;
        }

        (latitudeE7, longitudeE7) = (LocationFix.ToE7(latitude), LocationFix.ToE7(longitude));
        return true;
    }
}
