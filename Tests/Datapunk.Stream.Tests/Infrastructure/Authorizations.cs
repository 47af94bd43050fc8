using System.Net;
using Datapunk.Streams.Connections;
using Datapunk.Streams.OAuth;
using Microsoft.AspNetCore.WebUtilities;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>The browser's part of the authorization-code flow: open the authorize URL, follow the provider's redirect no further than reading its code and state.</summary>
internal static class Authorizations
{
    public static readonly Uri Callback = new("http://127.0.0.1:1/api/v1/connections/callback");

    /// <summary>Opens <paramref name="authorizeUrl"/> at the fake provider and returns the query of its redirect to the callback.</summary>
    public static async Task<(string? Code, string? State, string? Error)> FollowAsync(Uri authorizeUrl)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await http.GetAsync(authorizeUrl, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"the provider redirects the browser back ({await response.Content.ReadAsStringAsync()})");
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(Callback.ToString(), "the provider sends the browser to the callback Datapunk gave");
        var query = QueryHelpers.ParseQuery(location.Query);
        return (query.TryGetValue("code", out var code) ? code.ToString() : null, query["state"].ToString(),
            query.TryGetValue("error", out var error) ? error.ToString() : null);
    }

    /// <summary>Connects <paramref name="account"/> of the fake for <paramref name="userId"/>, the whole flow.</summary>
    public static Task<ConnectionRow> ConnectAsync(StreamEngine engine, FakeSpotify spotify, string userId, string account)
    {
        spotify.SignedInAccount = account;
        return ConnectAsync(engine, "spotify", userId);
    }

    /// <summary>Connects whichever account is signed in at <paramref name="provider"/>'s fake for <paramref name="userId"/>, the whole flow.</summary>
    public static async Task<ConnectionRow> ConnectAsync(StreamEngine engine, string provider, string userId)
    {
        var authorizer = engine.Get<ConnectionAuthorizer>();
        var url = await authorizer.BeginAsync(userId, provider, Callback, TestContext.Current.CancellationToken);
        var (code, state, error) = await FollowAsync(url);
        return await authorizer.CompleteAsync(state, code, error, Callback, TestContext.Current.CancellationToken);
    }

    /// <summary>A new user (with an account) who connected a new account of the fake, given its data by <paramref name="fill"/> first.</summary>
    public static async Task<(string UserId, FakeSpotifyAccount Account, ConnectionKey Key)> NewConnectionAsync(
        StreamEngine engine, FakeSpotify spotify, string prefix, Action<FakeSpotifyAccount> fill)
    {
        var userId = await StreamDatabase.NewAccountAsync(prefix);
        var accountId = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var account = spotify.AddAccount(accountId, prefix);
        fill(account);
        return (userId, account, (await ConnectAsync(engine, spotify, userId, accountId)).Key);
    }
}
