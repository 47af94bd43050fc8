using System.Text.Json;
using StackExchange.Redis;

namespace Datapunk.Stream.Polling;

/// <summary>Tells open browsers of a user that records arrived: a message on Redis channel <c>dp:u:{user}:records</c>.</summary>
public sealed class NewRecordsChannel(IConnectionMultiplexer redis)
{
    public static RedisChannel For(string userId) => RedisChannel.Literal($"dp:u:{userId}:records");

    public Task PublishAsync(string userId, string source, int newRecords) =>
        redis.GetSubscriber().PublishAsync(For(userId), JsonSerializer.Serialize(new { source, newRecords }));
}
