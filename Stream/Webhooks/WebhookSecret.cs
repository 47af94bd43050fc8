using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Datapunk.Streams.Webhooks;

/// <summary>
/// The secret a subscription's notifications carry (Graph's <c>clientState</c>, a Google channel's <c>token</c>):
/// random, sent once to the provider, and kept in the connection's cursor only as its SHA-256.
/// </summary>
public static class WebhookSecret
{
    /// <summary>A new secret: 32 random bytes, base64url (Graph allows 128 characters, Google 256).</summary>
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> is the one <paramref name="storedHash"/> was made of, compared in constant time.</summary>
    public static bool Matches(string? storedHash, string? secret) =>
        storedHash is not null && secret is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(HashOf(secret)));
}
