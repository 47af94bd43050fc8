using System.Security.Cryptography;
using System.Text;

namespace Datapunk.Testing.Providers;

/// <summary>What every fake provider's authorization server needs: random tokens and the PKCE S256 challenge of a verifier (RFC 7636 §4.2).</summary>
internal static class FakeOAuth
{
    public static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
