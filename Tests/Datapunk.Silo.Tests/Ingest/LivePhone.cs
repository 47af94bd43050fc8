using System.Net.Http.Headers;
using System.Text;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.Ingest;

/// <summary>A user with an ingest token, and the HTTP calls their phone's tracker apps make with it.</summary>
internal sealed class LivePhone(SiloProcessFixture silo, string userName, string userToken, IssuedIngestToken ingestToken) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(30) };

    public string UserName => userName;

    public string UserToken => userToken;

    public string Token => ingestToken.Text;

    public Guid TokenId => ingestToken.Token.TokenId;

    /// <summary>A new user and an ingest token of theirs, created through the API with the user's own token.</summary>
    public static async Task<LivePhone> CreateAsync(SiloProcessFixture silo, CancellationToken cancellationToken)
    {
        using var admin = silo.AdminClient();
        var user = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), cancellationToken);
        using var asUser = new DatapunkGatewayClient(silo.Gateway, user.Token);
        var token = await asUser.CreateIngestTokenAsync("phone", cancellationToken);
        return new LivePhone(silo, user.User, user.Token, token);
    }

    /// <summary>OwnTracks' HTTP mode: Basic with the user name and the token as password, as the app sends it.</summary>
    public Task<HttpResponseMessage> PostOwnTracksAsync(string body, CancellationToken cancellationToken, string? basicUser = null, string? token = null, string? device = null)
    {
        var request = Json(HttpMethod.Post, "ingest/owntracks", body);
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basicUser ?? userName}:{token ?? Token}")));
        if (device is not null)
        {
            request.Headers.Add("X-Limit-D", device);
        }

        return _http.SendAsync(request, cancellationToken);
    }

    /// <summary>Overland: the token as a bearer token, or in the URL's query as its endpoint setting may carry it.</summary>
    public Task<HttpResponseMessage> PostOverlandAsync(string body, CancellationToken cancellationToken, bool tokenInQuery = false, string? token = null)
    {
        var request = Json(HttpMethod.Post, tokenInQuery ? $"ingest/overland?token={Uri.EscapeDataString(token ?? Token)}" : "ingest/overland", body);
        if (!tokenInQuery)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        }

        return _http.SendAsync(request, cancellationToken);
    }

    /// <summary>Any request with a bearer token of one's choosing.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string bearer, CancellationToken cancellationToken, string? body = null)
    {
        var request = body is null ? new HttpRequestMessage(method, path) : Json(method, path, body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return _http.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Json(HttpMethod method, string path, string body) =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
