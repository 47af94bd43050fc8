using System.Text.Json;
using Datapunk.Lake.Live;
using Datapunk.Streams.Polling;
using Datapunk.Users.Privacy;
using StackExchange.Redis;

namespace Datapunk.Silo.Api.Ingest;

/// <summary>
/// New records of a user announced on Redis pub/sub (<c>dp:u:{user}:records</c>, under the owner's key
/// prefix, <see cref="UserCacheKeys"/>) after they were committed, so open browsers on any silo can
/// refresh: a message says what arrived (kind, source, counts, time span), never the records.
/// Publishing never fails a request: the fixes are stored whether or not Redis hears of them.
/// </summary>
public static partial class RecordsFeed
{
    /// <summary>The user's channel: the one connections' polls publish on (<see cref="NewRecordsChannel"/>).</summary>
    public static RedisChannel ChannelOf(string userId) => NewRecordsChannel.For(userId);

    public static void Publish(IConnectionMultiplexer redis, ILogger logger, string userId, LiveSource source, LiveBatchStored stored)
    {
        var message = new NewRecordsMessage("location_points", source.Name, stored.Received, stored.Stored, stored.Matched, stored.From, stored.Until, stored.FileId);
        try
        {
            redis.GetSubscriber().Publish(ChannelOf(userId), JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web), CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            Log.NotPublished(logger, userId, exception.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "New records of {UserId} were stored but not announced on Redis: {Reason}")]
        public static partial void NotPublished(ILogger logger, string userId, string reason);
    }
}
