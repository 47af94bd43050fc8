using System.Globalization;

namespace Datapunk.Lake.Formats.Common;

/// <summary>
/// The timestamp spellings seen in exports: ISO-8601 with Z or offsets (with or without
/// fractions), epoch milliseconds or seconds in strings, epoch microseconds, and
/// "2025-03-24 20:07:24 +0100". Everything comes back as UTC.
/// </summary>
public static class Timestamps
{
    private static readonly string[] SpacedFormats =
    [
        "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd",
    ];

    /// <summary>Parses any of the text forms; numbers are read as epoch milliseconds unless <paramref name="numericUnit"/> says otherwise.</summary>
    public static bool TryParse(string? text, out DateTime utc, EpochUnit numericUnit = EpochUnit.Milliseconds)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (TryParseIsoUtc(text, out utc))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return TryFromEpoch(number, numericUnit, out utc);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var offset)
            && (text.Contains('T') || text.Contains('Z') || text.Contains('+') || text.LastIndexOf('-') > 7))
        {
            utc = offset.UtcDateTime;
            return true;
        }

        var normalised = NormaliseOffset(text);
        if (DateTimeOffset.TryParseExact(normalised, SpacedFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out offset))
        {
            utc = offset.UtcDateTime;
            return true;
        }

        return false;
    }

    /// <summary>
    /// "2019-03-04T12:34:56.789Z", the spelling of nearly every timestamp in a Takeout, by
    /// System.Text.Json's ISO-8601 parser, which is an order of magnitude faster than the general
    /// one below (and strict: anything it refuses goes on to the general parser). Only values
    /// ending in Z, so that the result is UTC whatever the machine's zone.
    /// </summary>
    private static bool TryParseIsoUtc(string text, out DateTime utc)
    {
        utc = default;
        if (text.Length is < 20 or > 60 || text[^1] != 'Z' || text[10] != 'T')
        {
            return false;
        }

        Span<byte> quoted = stackalloc byte[64];
        quoted[0] = (byte)'"';
        if (System.Text.Unicode.Utf8.FromUtf16(text, quoted[1..^1], out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        quoted[written + 1] = (byte)'"';
        var reader = new System.Text.Json.Utf8JsonReader(quoted[..(written + 2)]);
        if (reader.Read() && reader.TryGetDateTime(out var parsed) && parsed.Kind == DateTimeKind.Utc)
        {
            utc = parsed;
            return true;
        }

        return false;
    }

    /// <summary>Epoch value in the given unit; values outside 1970–2200 are refused (a wrong unit, not a date).</summary>
    public static bool TryFromEpoch(long value, EpochUnit unit, out DateTime utc)
    {
        utc = default;
        long ticks;
        try
        {
            ticks = unit switch
            {
                EpochUnit.Seconds => checked(value * TimeSpan.TicksPerSecond),
                EpochUnit.Milliseconds => checked(value * TimeSpan.TicksPerMillisecond),
                _ => checked(value * 10),
            };
        }
        catch (OverflowException)
        {
            return false;
        }

        if (ticks < 0 || ticks > MaxEpochTicks)
        {
            return false;
        }

        utc = DateTime.UnixEpoch.AddTicks(ticks);
        return true;
    }

    public static DateTime FromEpochMicroseconds(long micros) => DateTime.UnixEpoch.AddTicks(micros * 10);

    private static readonly long MaxEpochTicks = (new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks;

    /// <summary>"+0100" → "+01:00", so one set of formats covers both spellings.</summary>
    private static string NormaliseOffset(string text)
    {
        var sign = Math.Max(text.LastIndexOf('+'), text.LastIndexOf(" -", StringComparison.Ordinal) + 1);
        if (sign > 0 && text.Length - sign == 5 && text[(sign + 1)..].All(char.IsAsciiDigit))
        {
            return $"{text[..(sign + 3)]}:{text[(sign + 3)..]}";
        }

        return text;
    }
}

public enum EpochUnit
{
    Seconds,
    Milliseconds,
    Microseconds,
}
