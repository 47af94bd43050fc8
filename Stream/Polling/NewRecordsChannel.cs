using System.Text.Json;
using Datapunk.Grains;
using StackExchange.Redis;

namespace Datapunk.Stream.Polling;

/// <summary>Tells open browsers of a user that records arrived: a <see cref="RecordsArrived"/> message (JSON) on Redis channel <c>dp:u:{user}:records</c>.</summary>
public sealed class NewRecordsChannel(IConnectionMultiplexer redis)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RedisChannel For(string userId) => RedisChannel.Literal($"dp:u:{userId}:records");

    public Task PublishAsync(string userId, string source, string connection, int newRecords) =>
        redis.GetSubscriber().PublishAsync(For(userId), JsonSerializer.Serialize(new RecordsArrived(source, connection, newRecords), Json));
}
