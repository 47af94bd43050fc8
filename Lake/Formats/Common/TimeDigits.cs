using System.Text.Json;

namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// The precision a timestamp was written with, for <see cref="LocationFix.TimeDigits"/>: milliseconds
/// when its fraction of a second says something, whole seconds otherwise. A fraction of zeros
/// ("08:00:00.000+01:00", as phones' Timeline exports write every time) says nothing finer than the
/// second, so it counts as seconds: the same fix with ".123" in Records.json is then recognised.
/// </summary>
public static class TimeDigits
{
    /// <summary>Of an ISO-8601 text: 3 when a digit after the seconds' point is not zero, else 0.</summary>
    public static byte OfIso(ReadOnlySpan<byte> text)
    {
        var dot = text.IndexOf((byte)'.');
        if (dot < 0)
        {
            return 0;
        }

        for (var i = dot + 1; i < text.Length && char.IsAsciiDigit((char)text[i]); i++)
        {
            if (text[i] != (byte)'0')
            {
                return LocationFix.MillisecondDigits;
            }
        }

        return 0;
    }

    /// <summary>Of the current JSON string token (escaped or split values are read as text).</summary>
    public static byte OfIso(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return 0;
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return OfIso(reader.ValueSpan);
        }

        return OfIso(reader.GetString() ?? "");
    }

    /// <summary>Of an ISO-8601 text read as a string (a timestamp is short: transcoded on the stack).</summary>
    public static byte OfIso(string text)
    {
        const int OnStack = 128;
        Span<byte> bytes = text.Length * 3 <= OnStack ? stackalloc byte[OnStack] : new byte[System.Text.Encoding.UTF8.GetMaxByteCount(text.Length)];
        return OfIso(bytes[..System.Text.Encoding.UTF8.GetBytes(text, bytes)]);
    }

    /// <summary>Of epoch milliseconds: 3 unless they are whole seconds.</summary>
    public static byte OfEpochMilliseconds(long milliseconds) => milliseconds % 1000 == 0 ? (byte)0 : LocationFix.MillisecondDigits;
}
