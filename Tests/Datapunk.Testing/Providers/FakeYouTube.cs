using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A local server speaking the parts of Google's documented OAuth 2.0 and YouTube Data API v3 that
/// Datapunk uses: Google's OAuth server (<see cref="FakeGoogleOAuth"/>), and under <c>/youtube/v3/</c>:
/// <c>channels?part=snippet&amp;mine=true</c> (no items for an account without a channel),
/// <c>subscriptions?mine=true</c>, <c>playlists?mine=true</c> (each playlist's etag changing with its
/// title and item count), <c>playlistItems?playlistId=…</c> (404 <c>playlistNotFound</c> for an unknown
/// playlist) and <c>videos?myRating=like</c> (newest like first). Lists are paged by
/// <c>maxResults</c>/<c>pageToken</c>/<c>nextPageToken</c> (at most <see cref="FakeGoogleApi{TAccount}.PageSize"/>
/// a page), carry <c>pageInfo</c> and an <c>etag</c> of the page's content, and answer 304 to a request
/// whose If-None-Match is that etag. Access tokens expire on demand (401);
/// <see cref="FakeGoogleApi{TAccount}.FaultOn"/> answers one request with a status and Google's error
/// reason (<c>quotaExceeded</c>, <c>rateLimitExceeded</c>, <c>insufficientPermissions</c>).
/// </summary>
public sealed class FakeYouTube : FakeGoogleApi<FakeYouTubeAccount>
{
    private static readonly (int, string, string) NotFound = (404, "playlistNotFound", "The playlist identified with the request's playlistId parameter cannot be found.");

    private FakeYouTube()
        : base("youtube", "youtube/v3/", "https://www.googleapis.com/auth/youtube.readonly")
    {
    }

    public static async Task<FakeYouTube> StartAsync()
    {
        var fake = new FakeYouTube();
        await fake.StartAsync(app =>
        {
            app.MapGet("/youtube/v3/channels", context => fake.ApiAsync(context, account => Channels(context, account), NotFound));
            app.MapGet("/youtube/v3/subscriptions", context => fake.ApiAsync(context, account => fake.List(context, "youtube#subscriptionListResponse", account.Subscriptions()), NotFound));
            app.MapGet("/youtube/v3/playlists", context => fake.ApiAsync(context, account => fake.List(context, "youtube#playlistListResponse", account.Playlists()), NotFound));
            app.MapGet("/youtube/v3/playlistItems", context => fake.ApiAsync(
                context, account => account.Items(context.Request.Query["playlistId"].ToString()) is { } items ? fake.List(context, "youtube#playlistItemListResponse", items) : null, NotFound));
            app.MapGet("/youtube/v3/videos", context => fake.ApiAsync(context, account => fake.Likes(context, account), NotFound));
        });
        return fake;
    }

    /// <summary>A Google account with a channel (<paramref name="channelId"/>), or without one when it is null.</summary>
    public FakeYouTubeAccount AddAccount(string email, string? channelId, string channelTitle = "Alice") =>
        Accounts.GetOrAdd(email, _ => new FakeYouTubeAccount(email, channelId, channelTitle));

    /// <summary>An entity tag of <paramref name="content"/>, in the form YouTube's take (27 base64url characters).</summary>
    public static string ETagOf(string content) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..27].Replace('+', '-').Replace('/', '_');

    private static JsonObject Channels(HttpContext context, FakeYouTubeAccount account)
    {
        Require(context, "part", "snippet");
        Require(context, "mine", "true");
        JsonArray items = account.ChannelId is { } id
            ? [new JsonObject { ["kind"] = "youtube#channel", ["id"] = id, ["snippet"] = new JsonObject { ["title"] = account.ChannelTitle } }]
            : [];
        return new JsonObject { ["kind"] = "youtube#channelListResponse", ["etag"] = ETagOf(items.ToJsonString()), ["pageInfo"] = PageInfo(items.Count, items.Count), ["items"] = items };
    }

    private JsonObject Likes(HttpContext context, FakeYouTubeAccount account)
    {
        Require(context, "myRating", "like");
        return List(context, "youtube#videoListResponse", account.Likes());
    }

    /// <summary>A page of <paramref name="entries"/> with pageInfo and an etag of what it holds (the total included).</summary>
    private JsonObject List(HttpContext context, string kind, IReadOnlyList<JsonNode> entries)
    {
        if (context.Request.Query["part"].Count == 0)
        {
            throw new BadHttpRequestException("YouTube requires part");
        }

        var page = Page(context, entries, "items", emptyField: true);
        var items = page["items"]!.AsArray();
        page["kind"] = kind;
        page["pageInfo"] = PageInfo(entries.Count, items.Count);
        page["etag"] = ETagOf($"{entries.Count}|{items.ToJsonString()}");
        return page;
    }

    private static JsonObject PageInfo(int total, int perPage) => new() { ["totalResults"] = total, ["resultsPerPage"] = perPage };

    private static void Require(HttpContext context, string parameter, string value)
    {
        if (context.Request.Query[parameter] != value)
        {
            throw new BadHttpRequestException($"the fake answers {parameter}={value} only");
        }
    }
}
