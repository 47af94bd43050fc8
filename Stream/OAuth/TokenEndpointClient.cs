using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Datapunk.Streams.OAuth;

/// <summary>
/// The provider's token endpoint (RFC 6749 §4.1.3 and §6): form posts authenticated with the client's
/// id and secret (HTTP Basic, §2.3.1), for the authorization-code grant with its PKCE verifier and for
/// the refresh-token grant.
/// </summary>
public sealed class TokenEndpointClient(IHttpClientFactory httpClients, TimeProvider time)
{
    public const string HttpClientName = "stream-oauth";

    public Task<OAuthTokens> ExchangeCodeAsync(ProviderSetup setup, string code, string verifier, Uri redirectUri, CancellationToken cancellationToken) =>
        PostAsync(setup, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.ToString(),
            ["code_verifier"] = verifier,
        }, previousRefreshToken: null, cancellationToken);

    /// <summary>New tokens for <paramref name="refreshToken"/>; a provider that returns no new refresh token keeps the old one valid (§6).</summary>
    public Task<OAuthTokens> RefreshAsync(ProviderSetup setup, string refreshToken, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        if (setup.RefreshWithScopes)
        {
            form["scope"] = setup.Scopes;
        }

        return PostAsync(setup, form, refreshToken, cancellationToken);
    }

    private async Task<OAuthTokens> PostAsync(
        ProviderSetup setup, Dictionary<string, string> form, string? previousRefreshToken, CancellationToken cancellationToken)
    {
        using var http = httpClients.CreateClient(HttpClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(setup.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, setup.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(setup.ClientId)}:{Uri.EscapeDataString(setup.ClientSecret)}")));
        using var response = await http.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            // invalid_grant and friends (§5.2): the code or refresh token is no good; retrying cannot help.
            throw new TokenRefusedException($"{setup.Name}'s token endpoint refused the {form["grant_type"]} grant ({(int)response.StatusCode}): {Cut(body)}");
        }

        response.EnsureSuccessStatusCode();
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var accessToken = root.GetProperty("access_token").GetString() ?? throw new JsonException("access_token is null");
            var refreshToken = root.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : previousRefreshToken;
            var expiresIn = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) ? seconds : 3600;
            return new OAuthTokens(accessToken, refreshToken ?? previousRefreshToken, time.GetUtcNow().AddSeconds(expiresIn));
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ProviderResponseException($"{setup.Name}'s token endpoint answered something that is not a token response: {Cut(body)}", exception);
        }
    }

    private static string Cut(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
