using System.Security.Cryptography;
using System.Text;

namespace Datapunk.Streams.OAuth;

/// <summary>Proof Key for Code Exchange (RFC 7636) with the S256 method, and the random state of one authorization.</summary>
public static class Pkce
{
    /// <summary>A code verifier: 64 random bytes, base64url (86 characters, within RFC 7636's 43 to 128).</summary>
    public static string NewVerifier() => Base64Url(RandomNumberGenerator.GetBytes(64));

    /// <summary>BASE64URL(SHA256(ASCII(verifier))).</summary>
    public static string ChallengeOf(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>An unguessable state: 32 random bytes, base64url.</summary>
    public static string NewState() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>What is stored of a state: its SHA-256.</summary>
    public static byte[] HashOfState(string state) => SHA256.HashData(Encoding.UTF8.GetBytes(state));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
