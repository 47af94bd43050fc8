using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Datapunk.Lake;

/// <summary>
/// Deterministic record identities: a source-native id as is, or a SHA-256 over normalised
/// content parts, so the same record imported twice (or from two overlapping exports) collides.
/// </summary>
/// <remarks>
/// Identities are stored (<c>user_data.records</c>, unique per user and kind) and matched by every
/// later import, so a rule cannot change silently: each kind's rule has a scheme version
/// (<see cref="SchemeVersion"/>), pinned by literal vectors in the tests, and a new version comes
/// with a migration that re-keys the rows stored under the old one.
/// <list type="bullet">
/// <item>Scheme 1: <see cref="Native"/> ids, or <see cref="FromContent"/> hashes (<c>h:</c>…) whose
/// times keep their fractions of a second.</item>
/// <item>Scheme 2 (<see cref="FromContentV2"/>, <c>h2:</c>…): times as whole seconds, so exports that
/// write the same instant with and without milliseconds agree; migration
/// <c>0007_record_identity_v2.sql</c> computes it in SQL from the stored columns.</item>
/// </list>
/// </remarks>
public static class RecordIdentity
{
    /// <summary>The prefix of every scheme 2 identity, which no scheme 1 identity has.</summary>
    public const string V2Prefix = "h2:";

    /// <summary>The scheme version of the identities a kind's records get today.</summary>
    public static int SchemeVersion(RecordKind kind) =>
        kind is RecordKind.PlaceVisit or RecordKind.ActivitySegment or RecordKind.Photo or RecordKind.Email ? 2 : 1;

    /// <summary>An identity from a source-native id, namespaced so ids of different sources cannot clash.</summary>
    public static string Native(string source, string id) => $"{source}:{id}";

    /// <summary>A scheme 1 identity hashed from content parts (nulls and case of the hex digest are normalised).</summary>
    public static string FromContent(params object?[] parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            builder.Append(part switch
            {
                null => "\u0000",
                DateTime time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                DateTimeOffset time => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => part.ToString(),
            });
            builder.Append('\u001F');
        }

        return "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())))[..40];
    }

    /// <summary>
    /// A scheme 2 identity: <c>h2:</c> and the first 40 hex digits of the SHA-256 of the parts, each
    /// as UTF-8 followed by the byte 0x1F. A null part is the byte 0x00; a time is its whole Unix
    /// seconds in UTC (rounded down); integers are invariant decimals. Migration 0007's
    /// <c>pg_temp.record_identity_v2</c> is the same function in SQL; change neither alone.
    /// </summary>
    public static string FromContentV2(params object?[] parts)
    {
        var bytes = new List<byte>(256);
        foreach (var part in parts)
        {
            var text = part switch
            {
                null => null,
                DateTime time => Seconds(time),
                DateTimeOffset time => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                string value => value,
                long or int => ((IFormattable)part).ToString(null, CultureInfo.InvariantCulture),
                _ => throw new ArgumentException($"A scheme 2 identity part is text, an integer or a time, not {part.GetType().Name}.", nameof(parts)),
            };
            if (text is null)
            {
                bytes.Add(0x00);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text));
            }

            bytes.Add(0x1F);
        }

        return V2Prefix + Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()))[..40];
    }

    /// <summary>Whole Unix seconds of a time (UTC; an unspecified kind is taken as UTC, as stored), rounded down.</summary>
    private static string Seconds(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        return new DateTimeOffset(utc.Ticks, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }
}
