using System.Globalization;
using System.Text.Json;

namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// Coordinates written as text by Google's on-device Timeline exports: <c>"50.0506312°, 14.3439906°"</c>
/// and <c>"48.8566, 2.3522"</c> (Android, degree signs optional) and <c>"geo:47.36,8.53"</c> (iOS).
/// </summary>
public static class LatLngText
{
    // Longer values are not coordinates; the limit keeps the parse on the stack.
    private const int MaxChars = 128;

    /// <summary>
    /// Parses one coordinate pair; false when it is not two numbers on Earth. <paramref name="digits"/>
    /// is the precision it was written with: the fewer decimals of the two numbers, at most 7.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int latitudeE7, out int longitudeE7, out byte digits)
    {
        latitudeE7 = 0;
        longitudeE7 = 0;
        digits = 0;
        text = text.Trim();
        if (text.StartsWith("geo:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }

        // RFC 5870 allows parameters after the coordinates ("geo:47.36,8.53;u=35").
        var parameters = text.IndexOf(';');
        if (parameters >= 0)
        {
            text = text[..parameters];
        }

        var comma = text.IndexOf(',');
        if (comma < 0
            || !TryParseDegrees(text[..comma], out var latitude)
            || !TryParseDegrees(text[(comma + 1)..], out var longitude)
            || latitude is < -90 or > 90
            || longitude is < -180 or > 180)
        {
            return false;
        }

        latitudeE7 = LocationFix.ToE7(latitude);
        longitudeE7 = LocationFix.ToE7(longitude);
        digits = Math.Min(Decimals(text[..comma]), Decimals(text[(comma + 1)..]));
        return true;
    }

    /// <summary>
    /// The precision of a coordinate as written: its decimals, at most 7 and at least 6. Fewer than 6
    /// decimals are a writer dropping trailing zeros ("50.07" for 50.070000), which says the value is
    /// exact at the writer's precision, not that it was rounded to 2 decimals.
    /// </summary>
    public static byte Decimals(ReadOnlySpan<char> number)
    {
        var dot = number.IndexOf('.');
        var count = 0;
        for (var i = dot + 1; dot >= 0 && i < number.Length && char.IsAsciiDigit(number[i]); i++)
        {
            count++;
        }

        return (byte)Math.Clamp(count, LocationFix.MaxCoordinateDigits - 1, LocationFix.MaxCoordinateDigits);
    }

    /// <summary>Parses the current JSON string token without allocating (escapes such as <c>\u00b0</c> are decoded).</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out int latitudeE7, out int longitudeE7, out byte digits)
    {
        latitudeE7 = 0;
        longitudeE7 = 0;
        digits = 0;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxChars)
        {
            return false;
        }

        Span<char> text = stackalloc char[MaxChars];
        var written = reader.CopyString(text);
        return TryParse(text[..written], out latitudeE7, out longitudeE7, out digits);
    }

    private static bool TryParseDegrees(ReadOnlySpan<char> text, out double degrees) =>
        double.TryParse(text.Trim().TrimEnd('°').TrimEnd(), NumberStyles.Float, CultureInfo.InvariantCulture, out degrees)
        && double.IsFinite(degrees);
}
