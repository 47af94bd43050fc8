using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Datapunk.Lake;

/// <summary>
/// Deterministic record identities: a source-native id as is, or a SHA-256 over normalised
/// content parts, so the same record imported twice (or from two overlapping exports) collides.
/// </summary>
public static class RecordIdentity
{
    /// <summary>An identity from a source-native id, namespaced so ids of different sources cannot clash.</summary>
    public static string Native(string source, string id) => $"{source}:{id}";

    /// <summary>An identity hashed from content parts (nulls and case of the hex digest are normalised).</summary>
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
}
