using System.Text.Json;
using Datapunk.Users.Privacy;
using StackExchange.Redis;

namespace Datapunk.Grains;

/// <summary>
/// An import's progress pushed through Redis pub/sub, so a follower on any silo hears of each change
/// the moment the job grain (on whichever silo runs it) sees it: one channel per import, named under
/// its owner's key prefix (<see cref="UserCacheKeys"/>). The channel grants nothing: only the silos
/// reach Redis, and a silo subscribes for a caller only after the caller's own user grain showed the
/// import is theirs (<c>GET /api/v1/imports/{id}/events</c>). A message is the whole progress as JSON,
/// so a lost one is made good by the next.
/// </summary>
public static class ImportProgressFeed
{
    public static RedisChannel ChannelOf(string userId, Guid importId) =>
        RedisChannel.Literal(UserCacheKeys.For(userId, $"imports:{importId:N}:progress"));

    /// <summary>
    /// What a follower is told about: the progress without the figures that change with the clock
    /// alone (seconds, rate, ETA, peak memory), so equal shapes are the same news.
    /// </summary>
    public static string ShapeOf(ImportProgress progress) =>
        JsonSerializer.Serialize(progress with { Seconds = 0, RecordsPerSecond = 0, EtaSeconds = null, PeakMemoryBytes = 0 }, JsonSerializerOptions.Web);

    /// <summary>Publishes without waiting: a Redis that is down costs followers their push (they poll), never the import its progress.</summary>
    public static void Publish(IConnectionMultiplexer redis, string userId, ImportProgress progress) =>
        redis.GetSubscriber().Publish(ChannelOf(userId, progress.ImportId), JsonSerializer.SerializeToUtf8Bytes(progress, JsonSerializerOptions.Web), CommandFlags.FireAndForget);

    /// <summary>The progress a message carries, when it is one of <paramref name="importId"/>'s.</summary>
    public static ImportProgress? Read(RedisValue message, Guid importId)
    {
        try
        {
            return JsonSerializer.Deserialize<ImportProgress>((byte[])message!, JsonSerializerOptions.Web) is { } progress && progress.ImportId == importId
                ? progress
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
