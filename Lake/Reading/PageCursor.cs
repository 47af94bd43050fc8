using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Datapunk.Lake.Reading;

/// <summary>
/// Where a page ended, as an opaque token: the last entry's time, kind and identity, which order
/// every listing (identity is unique within a kind for a user). The next page starts strictly after
/// it, so entries with equal times are neither repeated nor skipped. A token only positions a read
/// of the caller's own rows; it grants nothing.
/// </summary>
/// <param name="At">The entry's time (UTC), or null for records without one.</param>
public sealed record PageCursor(DateTime? At, short Kind, string Identity)
{
    private const string Version = "1";

    public string Encode()
    {
        var at = At is { } time ? time.Ticks.ToString(CultureInfo.InvariantCulture) : "";
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}|{at}|{Kind}|{Identity}"));
    }

    /// <summary>The cursor <paramref name="token"/> encodes, or null (and an error) when it is not one this API issued.</summary>
    public static PageCursor? Decode(string? token, QueryErrors errors)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (TryDecode(token) is { } cursor)
        {
            return cursor;
        }

        errors.Add("after", "The cursor is not one this API issued: pass the 'next' value (or link) of the previous page unchanged.");
        return null;
    }

    private static PageCursor? TryDecode(string token)
    {
        if (token.Length > 2_000)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(bytes).Split('|', 4);
        if (parts.Length != 4 || parts[0] != Version || !short.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var kind))
        {
            return null;
        }

        if (parts[1].Length == 0)
        {
            return new PageCursor(null, kind, parts[3]);
        }

        return long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            ? new PageCursor(new DateTime(ticks, DateTimeKind.Utc), kind, parts[3])
            : null;
    }
}
