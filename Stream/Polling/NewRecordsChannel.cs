using System.Text.Json;
using Datapunk.Grains;
using Datapunk.Users.Privacy;
using StackExchange.Redis;

namespace Datapunk.Streams.Polling;

/// <summary>
/// Tells open browsers of a user that a polled page stored records: a <see cref="NewRecordsMessage"/>
/// (JSON) on the user's channel <c>dp:u:{user}:records</c>, the channel and shape the ingest routes use.
/// </summary>
public sealed class NewRecordsChannel(IConnectionMultiplexer redis)
{
    public static RedisChannel For(string userId) => RedisChannel.Literal(UserCacheKeys.For(userId, "records"));

    /// <summary>Announces a stored page that held records (a provider's page holds one kind).</summary>
    public Task PublishAsync(string userId, PolledPage page, StoredPage stored)
    {
        var times = page.Records.Where(record => record.OccurredAt is not null).Select(record => record.OccurredAt!.Value).ToList();
        var message = new NewRecordsMessage(
            page.Records[0].Kind.ToName(), page.Source, page.Records.Count, stored.Inserted,
            page.Records.Count - stored.Inserted, times.Count > 0 ? times.Min() : null, times.Count > 0 ? times.Max() : null, stored.FileId);
        return redis.GetSubscriber().PublishAsync(For(userId), JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web));
    }
}
