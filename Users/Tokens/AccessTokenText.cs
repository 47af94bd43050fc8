using System.Security.Cryptography;
using System.Text;

namespace Datapunk.Users.Tokens;

/// <summary>
/// A personal access token as the caller holds it: <c>dpat_{token id}_{secret}</c>. The id finds the
/// row; only the secret's SHA-256 is stored. The prefix makes leaked tokens easy to scan for. Ingest
/// tokens (<see cref="IngestTokenText"/>) are the same shape under a prefix of their own.
/// </summary>
public static class AccessTokenText
{
    public const string Prefix = "dpat_";

    public static string Format(Guid tokenId, string secret) => Format(Prefix, tokenId, secret);

    public static bool LooksLikeAccessToken(string? token) => token is not null && token.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool TryParse(string token, out Guid tokenId, out string secret) => TryParse(Prefix, token, out tokenId, out secret);

    /// <summary>A token of this shape under <paramref name="prefix"/>.</summary>
    internal static string Format(string prefix, Guid tokenId, string secret) => $"{prefix}{tokenId:N}_{secret}";

    /// <summary>Splits <c>{prefix}{token id}_{secret}</c>; false for any other text.</summary>
    internal static bool TryParse(string prefix, string? token, out Guid tokenId, out string secret)
    {
        tokenId = Guid.Empty;
        secret = "";
        if (token is null || !token.StartsWith(prefix, StringComparison.Ordinal)
            || token.Length != prefix.Length + 32 + 1 + SecretLength || token[prefix.Length + 32] != '_')
        {
            return false;
        }

        secret = token[(prefix.Length + 33)..];
        return Guid.TryParseExact(token.AsSpan(prefix.Length, 32), "N", out tokenId);
    }

    /// <summary>32 random bytes, base64url without padding (43 characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private const int SecretLength = 43;
}
