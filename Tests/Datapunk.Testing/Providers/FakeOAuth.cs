using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>What every fake provider's authorization server needs: random tokens, the PKCE S256 challenge of a verifier (RFC 7636 §4.2), and the checks of an authorize request and of the client's credentials.</summary>
internal static class FakeOAuth
{
    public static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether an authorize request is an authorization-code request of <paramref name="clientId"/> with a PKCE S256 challenge, a redirect URI and a scope.</summary>
    public static bool IsCodeRequest(IQueryCollection query, string clientId) =>
        query["client_id"] == clientId && query["response_type"] == "code" && query["code_challenge_method"] == "S256"
        && !string.IsNullOrEmpty(query["code_challenge"]) && !string.IsNullOrEmpty(query["redirect_uri"]) && !string.IsNullOrEmpty(query["scope"]);

    /// <summary>Whether a token request authenticates as the client by HTTP Basic (RFC 6749 §2.3.1: id and secret form-encoded).</summary>
    public static bool IsClient(HttpContext context, string clientId, string clientSecret) =>
        context.Request.Headers.Authorization.ToString()
            == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}"));
}
