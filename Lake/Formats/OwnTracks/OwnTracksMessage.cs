using System.Text;
using System.Text.Json;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.OwnTracks;

/// <summary>
/// The fields of one OwnTracks JSON message that make a location fix (<c>_type</c>, <c>lat</c>, <c>lon</c>,
/// <c>tst</c>, <c>acc</c>, <c>alt</c>, <c>vel</c>, <c>cog</c>), read the same way wherever the message
/// came from: a recorder's storage file (<see cref="RecorderLineParser"/>) or the app's HTTP mode
/// (<see cref="Live.OwnTracksHttpBody"/>), so a fix received live and later imported from the recorder
/// is the same fix to the last digit.
/// </summary>
public sealed class OwnTracksMessage
{
    /// <summary>Called for each other property, the reader on its value (which the caller must not move past).</summary>
    public delegate void OtherField(OwnTracksMessage message, ReadOnlySpan<byte> name, ref Utf8JsonReader reader);

    /// <summary>The source every OwnTracks fix is stored with.</summary>
    public const string FixSource = "owntracks";

    /// <summary>"location", another type, "(not a string)", or null when the message has none.</summary>
    public string? Type { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    /// <summary>The fewer decimals of lat and lon as written (<see cref="LatLngText.Decimals"/>).</summary>
    public byte CoordinateDigits { get; private set; } = LocationFix.MaxCoordinateDigits;

    /// <summary><c>tst</c>, epoch seconds.</summary>
    public long? Epoch { get; private set; }

    public long? Accuracy { get; private set; }

    public long? Altitude { get; private set; }

    /// <summary><c>vel</c>: OwnTracks reports speed in km/h.</summary>
    public long? SpeedKmh { get; private set; }

    public long? Course { get; private set; }

    public bool IsLocation => Type == "location";

    /// <summary>Reads one message (a JSON object); throws <see cref="JsonException"/> when it is not valid JSON.</summary>
    public static OwnTracksMessage Read(ReadOnlySpan<byte> json, OtherField? other = null)
    {
        var message = new OwnTracksMessage();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            message.ReadField(name, ref reader, other);
            reader.Skip();
        }

        return message;
    }

    /// <summary>The fix this location message describes, taken at <paramref name="time"/> (whole seconds, as <c>tst</c> is).</summary>
    public LocationFix ToFix(DateTime time, double latitude, double longitude) => new(
        time,
        LocationFix.ToE7(latitude),
        LocationFix.ToE7(longitude),
        ToInt(Accuracy),
        ToInt(Altitude),

        // Fixes keep metres per second.
        SpeedKmh is { } kmh ? ToInt((long)Math.Round(kmh / 3.6)) : null,
        ToInt(Course),
        FixSource)
    {
        CoordinateDigits = CoordinateDigits,
        TimeDigits = 0,
    };

    private void ReadField(ReadOnlySpan<byte> name, ref Utf8JsonReader reader, OtherField? other)
    {
        if (name.SequenceEqual("_type"u8))
        {
            Type = reader.TokenType != JsonTokenType.String ? "(not a string)"
                : reader.ValueTextEquals("location"u8) ? "location" : reader.GetString();
        }
        else if (name.SequenceEqual("lat"u8))
        {
            Latitude = JsonFields.TryGetDouble(ref reader, out var value) ? value : null;
            CoordinateDigits = Math.Min(CoordinateDigits, NumberDecimals(ref reader));
        }
        else if (name.SequenceEqual("lon"u8))
        {
            Longitude = JsonFields.TryGetDouble(ref reader, out var value) ? value : null;
            CoordinateDigits = Math.Min(CoordinateDigits, NumberDecimals(ref reader));
        }
        else if (name.SequenceEqual("tst"u8))
        {
            Epoch = ReadLong(ref reader);
        }
        else if (name.SequenceEqual("acc"u8))
        {
            Accuracy = ReadLong(ref reader);
        }
        else if (name.SequenceEqual("alt"u8))
        {
            Altitude = ReadLong(ref reader);
        }
        else if (name.SequenceEqual("vel"u8))
        {
            SpeedKmh = ReadLong(ref reader);
        }
        else if (name.SequenceEqual("cog"u8))
        {
            Course = ReadLong(ref reader);
        }
        else
        {
            other?.Invoke(this, name, ref reader);
        }
    }

    /// <summary>Decimals of the current token as written (OwnTracks writes numbers; a string holding one counts the same).</summary>
    private static byte NumberDecimals(ref Utf8JsonReader reader)
    {
        const int OnStack = 64;
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return LocationFix.MaxCoordinateDigits;
        }

        // Read for every fix: the number's characters go on the stack, not into a string.
        var number = reader.ValueSpan;
        Span<char> chars = number.Length <= OnStack ? stackalloc char[OnStack] : new char[number.Length];
        return LatLngText.Decimals(chars[..Encoding.ASCII.GetChars(number, chars)]);
    }

    private static long? ReadLong(ref Utf8JsonReader reader) => JsonFields.TryGetInt64(ref reader, out var value) ? value : null;

    private static int? ToInt(long? value) => value is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;
}
