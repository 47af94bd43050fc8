using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A local server speaking the parts of Google's documented OAuth 2.0 and Calendar API v3 that Datapunk
/// uses: Google's OAuth server (<see cref="FakeGoogleOAuth"/>: <c>/o/oauth2/v2/auth</c> signing in as
/// <see cref="FakeGoogleApi{TAccount}.SignedInAccount"/>, <c>/token</c>), and under <c>/calendar/v3/</c>: <c>calendars/primary</c>,
/// <c>users/me/calendarList</c> (<c>minAccessRole</c>, <c>pageToken</c>/<c>nextPageToken</c>) and
/// <c>calendars/{id}/events</c> (<c>maxResults</c>, <c>pageToken</c>, the last page's <c>nextSyncToken</c>,
/// <c>syncToken</c> answering what changed since, cancelled events included; 410 Gone for an expired token).
/// Pages hold at most <see cref="FakeGoogleApi{TAccount}.PageSize"/> items, as Google may give fewer than <c>maxResults</c>.
/// Access tokens expire on demand (401), <see cref="FakeGoogleApi{TAccount}.FaultOn"/> answers one request with a status.
/// </summary>
public sealed class FakeGoogleCalendar : FakeGoogleApi<FakeGoogleCalendarAccount>
{
    private static readonly (int, string, string) FullSyncRequired = (410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");

    private readonly ConcurrentDictionary<string, (string Calendar, long Since)> _syncTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Calendar, int Offset, long? Since, long Snapshot)> _pageTokens = new(StringComparer.Ordinal);

    private FakeGoogleCalendar()
        : base("google-calendar", "calendar/v3/", "https://www.googleapis.com/auth/calendar.readonly")
    {
        PageSize = 250;
    }

    private readonly HttpClient _notifier = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Channels watching a calendar's events (<c>events/watch</c>), by id; a stopped one is removed.</summary>
    public ConcurrentDictionary<string, FakeGoogleChannel> Channels { get; } = new(StringComparer.Ordinal);

    /// <summary>The ids of channels stopped (<c>channels/stop</c>), in order.</summary>
    public ConcurrentQueue<string> StoppedChannels { get; } = new();

    /// <summary>What the receiver answered to each channel's first message (<c>sync</c>), sent once the channel is made.</summary>
    public ConcurrentQueue<System.Net.HttpStatusCode> SyncAnswers { get; } = new();

    /// <summary>Sends <paramref name="channel"/>'s message of <paramref name="state"/> (with <paramref name="token"/> instead of its own, when given); the status the receiver answered.</summary>
    public async Task<System.Net.HttpStatusCode> NotifyAsync(FakeGoogleChannel channel, string? token, CancellationToken cancellationToken, string state = "exists")
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, channel.Address);
        message.Headers.Add("X-Goog-Channel-ID", channel.Id);
        message.Headers.Add("X-Goog-Channel-Token", token ?? channel.Token);
        message.Headers.Add("X-Goog-Channel-Expiration", channel.Expires.ToString("R", CultureInfo.InvariantCulture));
        message.Headers.Add("X-Goog-Resource-ID", channel.ResourceId);
        message.Headers.Add("X-Goog-Resource-State", state);
        message.Headers.Add("X-Goog-Message-Number", "1");
        using var answer = await _notifier.SendAsync(message, cancellationToken);
        return answer.StatusCode;
    }

    public static async Task<FakeGoogleCalendar> StartAsync()
    {
        var fake = new FakeGoogleCalendar();
        await fake.StartAsync(app =>
        {
            app.MapGet("/calendar/v3/calendars/primary", context => fake.ApiAsync(context, account => new JsonObject
            {
                ["kind"] = "calendar#calendar",
                ["id"] = account.Email,
                ["summary"] = account.DisplayName,
                ["timeZone"] = "Europe/Berlin",
            }, FullSyncRequired));
            app.MapGet("/calendar/v3/users/me/calendarList", context => fake.ApiAsync(context, account => fake.CalendarList(context, account), FullSyncRequired));
            app.MapGet("/calendar/v3/calendars/{calendarId}/events", context => fake.ApiAsync(context, account => fake.Events(context, account), FullSyncRequired));
            app.MapPost("/calendar/v3/calendars/{calendarId}/events/watch", fake.WatchAsync);
            app.MapPost("/calendar/v3/channels/stop", fake.StopAsync);
        });
        return fake;
    }

    /// <summary>Watches a calendar the account has, and then sends the channel's <c>sync</c> message, as Google does.</summary>
    private async Task WatchAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        FakeGoogleChannel? made = null;
        await ApiAsync(context, account =>
        {
            var calendar = (string)context.Request.RouteValues["calendarId"]!;
            if (account.Calendars.All(c => c.Id != calendar) || body?["type"]?.ToString() != "web_hook"
                || body["id"]?.ToString() is not { Length: > 0 and <= 64 } id || !Uri.TryCreate(body["address"]?.ToString(), UriKind.Absolute, out var address)
                || body["token"]?.ToString() is not { Length: > 0 and <= 256 } token)
            {
                return null;
            }

            var ttl = long.TryParse(body["params"]?["ttl"]?.ToString(), out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromDays(7);
            made = new FakeGoogleChannel(id, account.Email, calendar, FakeOAuth.Token(), address, token, DateTimeOffset.UtcNow + ttl);
            Channels[id] = made;
            return new JsonObject
            {
                ["kind"] = "api#channel",
                ["id"] = id,
                ["resourceId"] = made.ResourceId,
                ["resourceUri"] = $"{ApiBase}calendars/{Uri.EscapeDataString(calendar)}/events?alt=json",
                ["token"] = token,
                ["expiration"] = made.Expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            };
        }, (400, "badRequest", "A channel needs type web_hook, an id of at most 64 characters, an address and a token, on a calendar of the account."));
        if (made is { } channel)
        {
            _ = Task.Run(async () => SyncAnswers.Enqueue(await NotifyAsync(channel, null, CancellationToken.None, "sync")), CancellationToken.None);
        }
    }

    /// <summary>Stops a channel by id and resourceId (Google answers 204; this fake answers 200 with <c>{}</c>, which the engine reads alike).</summary>
    private async Task StopAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        await ApiAsync(context, account =>
        {
            var id = body?["id"]?.ToString() ?? "";
            if (!Channels.TryGetValue(id, out var channel) || channel.Account != account.Email || channel.ResourceId != body?["resourceId"]?.ToString()
                || !Channels.TryRemove(id, out _))
            {
                return null;
            }

            StoppedChannels.Enqueue(id);
            return [];
        }, (404, "notFound", "Channel not found."));
    }

    public FakeGoogleCalendarAccount AddAccount(string email, string displayName) => Accounts.GetOrAdd(email, _ => new FakeGoogleCalendarAccount(email, displayName));

    /// <summary>Every sync token issued so far answers 410 Gone from now on, as Google's do after a while.</summary>
    public void ExpireSyncTokens() => _syncTokens.Clear();

    private JsonObject CalendarList(HttpContext context, FakeGoogleCalendarAccount account)
    {
        var readable = account.Calendars.Where(c => context.Request.Query["minAccessRole"] != "reader" || c.AccessRole != "freeBusyReader").ToList();
        var offset = int.TryParse(context.Request.Query["pageToken"], out var o) ? o : 0;
        var size = Math.Min(PageSize, 250);
        return new JsonObject
        {
            ["kind"] = "calendar#calendarList",
            ["items"] = new JsonArray([.. readable.Skip(offset).Take(size).Select(c => (JsonNode)new JsonObject
            {
                ["kind"] = "calendar#calendarListEntry",
                ["id"] = c.Id,
                ["summary"] = c.Summary,
                ["timeZone"] = c.TimeZone,
                ["accessRole"] = c.AccessRole,
                ["primary"] = c.Id == account.Email ? true : null,
            })]),
            ["nextPageToken"] = offset + size < readable.Count ? (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>A page of events, or null for an expired sync token (410).</summary>
    private JsonObject? Events(HttpContext context, FakeGoogleCalendarAccount account)
    {
        var calendarId = (string)context.Request.RouteValues["calendarId"]!;
        var query = context.Request.Query;
        (string Calendar, int Offset, long? Since, long Snapshot) position;
        if (!string.IsNullOrEmpty(query["pageToken"]))
        {
            position = _pageTokens.TryGetValue(query["pageToken"].ToString(), out var known) && known.Calendar == calendarId
                ? known
                : throw new BadHttpRequestException("unknown pageToken");
        }
        else if (!string.IsNullOrEmpty(query["syncToken"]))
        {
            if (!_syncTokens.TryGetValue(query["syncToken"].ToString(), out var sync) || sync.Calendar != calendarId)
            {
                return null;
            }

            position = (calendarId, 0, sync.Since, account.Sequence);
        }
        else
        {
            position = (calendarId, 0, null, account.Sequence);
        }

        var size = Math.Min(PageSize, int.TryParse(query["maxResults"], out var max) ? max : 250);
        var events = account.Events(calendarId, position.Since);
        var page = new JsonObject
        {
            ["kind"] = "calendar#events",
            ["summary"] = calendarId,
            ["items"] = new JsonArray([.. events.Skip(position.Offset).Take(size)]),
        };
        if (position.Offset + size < events.Count)
        {
            var next = FakeOAuth.Token();
            _pageTokens[next] = position with { Offset = position.Offset + size };
            page["nextPageToken"] = next;
        }
        else
        {
            var sync = FakeOAuth.Token();
            _syncTokens[sync] = (calendarId, position.Snapshot);
            page["nextSyncToken"] = sync;
        }

        return page;
    }
}
