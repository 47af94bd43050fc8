using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Datapunk.Silo.Api.Ingest;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Datapunk.Silo.Api;

/// <summary>
/// <c>GET /api/v1/records/arrivals</c>: server-sent events, one 'records' event per batch of the caller's
/// records stored by a live source (a phone's fixes, a connection's poll), as announced on the caller's
/// Redis channel <c>dp:u:{user}:records</c> from whichever silo stored them. The message says what
/// arrived (kind, source, counts, time span), never the records; a page that shows the span reloads it.
/// A 'ready' event says the subscription is in place; a 'keep-alive' event every <see cref="KeepAlive"/>
/// keeps proxies from closing a quiet stream. Without Redis
/// the stream stays open and silent: the records are stored all the same.
/// </summary>
public static class RecordsArrivalsApi
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);

    public static RouteGroupBuilder MapRecordsArrivalsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/records/arrivals", Follow).WithTags("Records").WithName("FollowRecordArrivals").Audited(AuditActions.RecordsRead)
            .WithSummary("Server-sent events: a 'records' event (kind, source, received, stored, matched, from, until) each time a live source stores records of yours.");
        return api;
    }

    private static ServerSentEventsResult<string> Follow(HttpContext http, IConnectionMultiplexer redis) =>
        TypedResults.ServerSentEvents(ArrivalsAsync(redis, http.User.UserIdOf(), http.RequestAborted));

    private static async IAsyncEnumerable<SseItem<string>> ArrivalsAsync(
        IConnectionMultiplexer redis, string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var arrived = Channel.CreateBounded<string>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        var channel = RecordsFeed.ChannelOf(userId);
        Action<RedisChannel, RedisValue> handler = (_, message) =>
        {
            // Only JSON objects are passed on, re-serialised, so nothing else can reach the page.
            try
            {
                using var json = JsonDocument.Parse((string)message!);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    arrived.Writer.TryWrite(json.RootElement.GetRawText());
                }
            }
            catch (JsonException)
            {
                // Not a message of ours: nothing to pass on.
            }
        };
        var subscriber = redis.GetSubscriber();
        var subscribed = false;
        try
        {
            await subscriber.SubscribeAsync(channel, handler);
            subscribed = true;
        }
        catch (RedisException)
        {
            // Redis is down: the stream stays open with only its keep-alive comments.
        }

        try
        {
            yield return new SseItem<string>("{}", "ready");
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(KeepAlive);
                string? next = null;
                try
                {
                    next = await arrived.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                yield return next is { } message ? new SseItem<string>(message, "records") : new SseItem<string>("{}", "keep-alive");
            }
        }
        finally
        {
            if (subscribed)
            {
                try
                {
                    await subscriber.UnsubscribeAsync(channel, handler);
                }
                catch (RedisException)
                {
                    // The connection is gone, and the subscription with it.
                }
            }
        }
    }
}
