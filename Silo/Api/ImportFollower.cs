using System.Runtime.CompilerServices;
using System.Threading.Channels;
using StackExchange.Redis;

namespace Datapunk.Silo.Api;

/// <summary>
/// The progress events of <c>GET /api/v1/imports/{id}/events</c>: the job grain's progress first, then
/// each change the grain pushes through Redis (<see cref="ImportProgressFeed"/>) from whichever silo
/// runs it, until the import ends. The grain is asked again when nothing came for a while
/// (<c>Imports:FollowPollInterval</c>, default 5 s), which also covers a message Redis lost; when
/// Redis is down, it is asked every 250 ms as before there was a push. The caller's ownership was
/// checked before (the route's 404); the channel is subscribed to before the first read, so no
/// change falls between the two.
/// </summary>
internal sealed class ImportFollower(IUserGrain user, Guid importId, string userId, string role, IConnectionMultiplexer redis, TimeSpan slowPoll)
{
    public static readonly TimeSpan FastPoll = TimeSpan.FromMilliseconds(250);

    public static TimeSpan SlowPollOf(IConfiguration configuration) =>
        configuration.GetValue("Imports:FollowPollInterval", TimeSpan.FromSeconds(5)) is var interval && interval > TimeSpan.Zero
            ? interval
            : throw new InvalidOperationException("Imports:FollowPollInterval must be positive.");

    public async IAsyncEnumerable<ImportProgress> ChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pushed = Channel.CreateBounded<ImportProgress>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        var channel = ImportProgressFeed.ChannelOf(userId, importId);
        var subscriber = redis.GetSubscriber();
        // This follower's own handler: unsubscribing it leaves other followers of the import on this silo subscribed.
        Action<RedisChannel, RedisValue> handler = (_, message) =>
        {
            if (ImportProgressFeed.Read(message, importId) is { } progress)
            {
                pushed.Writer.TryWrite(progress);
            }
        };
        var subscribed = await TrySubscribeAsync(subscriber, channel, handler);
        try
        {
            if (await ReadGrainAsync() is not { } first)
            {
                yield break;
            }

            var lastShape = ImportProgressFeed.ShapeOf(first);
            yield return first;
            var finished = first.Status.IsFinished();
            while (!finished)
            {
                var now = await NextAsync(pushed.Reader, subscribed ? slowPoll : FastPoll, cancellationToken) ?? await ReadGrainAsync();
                if (now is null)
                {
                    yield break;
                }

                finished = now.Status.IsFinished();
                var shape = ImportProgressFeed.ShapeOf(now);
                if (shape != lastShape)
                {
                    lastShape = shape;
                    yield return now;
                }
            }
        }
        finally
        {
            if (subscribed)
            {
                await TryUnsubscribeAsync(subscriber, channel, handler);
            }
        }
    }

    private async Task<bool> TrySubscribeAsync(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> handler)
    {
        if (!redis.IsConnected)
        {
            return false;
        }

        try
        {
            await subscriber.SubscribeAsync(channel, handler);
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private static async Task TryUnsubscribeAsync(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> handler)
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

    /// <summary>The next pushed progress, or null when none came within <paramref name="wait"/>.</summary>
    private static async Task<ImportProgress?> NextAsync(ChannelReader<ImportProgress> pushed, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            return await pushed.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// The grain's progress. The events are written after the request's filters ran, and an async
    /// iterator does not keep what it sets in the request context from one step to the next, so the
    /// caller is named again for every grain call.
    /// </summary>
    private async Task<ImportProgress?> ReadGrainAsync()
    {
        CallerContext.Set(userId, role);
        return await user.GetImportAsync(importId);
    }
}
