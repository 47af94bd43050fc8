using System.Text.Json;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// Timeline timestamps, which usually carry their own offset ("2024-01-01T08:00:00.000+01:00") but
/// are not guaranteed to: a time without one is reported as such, so the caller can apply the
/// segment's <c>startTimeTimezoneUtcOffsetMinutes</c> instead of silently taking it as UTC.
/// </summary>
internal static class TimelineTime
{
    /// <summary>Reads the current string token; <paramref name="hasZone"/> is false when the text names no offset (then the time is as if UTC).</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out DateTime utc, out bool hasZone)
    {
        utc = default;
        hasZone = false;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            // The fast path for the common ISO form, without a string per point.
            var span = reader.ValueSpan;
            hasZone = HasZone(span);
            if (hasZone && reader.TryGetDateTimeOffset(out var offset))
            {
                utc = offset.UtcDateTime;
                return true;
            }

            if (!hasZone && reader.TryGetDateTime(out var local) && local.Kind != DateTimeKind.Local)
            {
                utc = DateTime.SpecifyKind(local, DateTimeKind.Utc);
                return true;
            }
        }

        return TryParse(reader.GetString(), out utc, out hasZone);
    }

    /// <summary>Parses any timestamp spelling (ISO, epoch milliseconds in a string, …); see <see cref="TryRead"/>.</summary>
    public static bool TryParse(string? text, out DateTime utc, out bool hasZone)
    {
        var trimmed = text.AsSpan().Trim();

        // Epoch numbers are absolute instants, as good as a zone.
        hasZone = HasZone(trimmed) || (!trimmed.IsEmpty && !trimmed.ContainsAnyExcept("0123456789"));
        return Timestamps.TryParse(text, out utc);
    }

    /// <summary>Converts a time read without an offset, using the offset the segment gives for it.</summary>
    public static DateTime Resolve(DateTime utc, bool hasZone, long? offsetMinutes) =>
        hasZone || offsetMinutes is not { } minutes || Math.Abs(minutes) > 18 * 60 ? utc : utc.AddMinutes(-minutes);

    private static bool HasZone(ReadOnlySpan<byte> text)
    {
        // The date part has dashes, so an offset sign only counts after the time separator.
        var time = text.IndexOfAny((byte)'T', (byte)' ');
        return time >= 0 && text[time..].IndexOfAny("Zz+-"u8) >= 0;
    }

    private static bool HasZone(ReadOnlySpan<char> text)
    {
        var time = text.IndexOfAny('T', ' ');
        return time >= 0 && text[time..].IndexOfAny("Zz+-") >= 0;
    }
}
