using System.Text.Json;
using Datapunk.Lake.Live;
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
    public static RedisChannel ChannelOf(string userId) => RedisChannel.Literal(UserCacheKeys.For(userId, "records"));

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

/// <summary>What a <see cref="RecordsFeed"/> message carries.</summary>
/// <param name="Kind">The kind of records (<c>location_points</c>).</param>
/// <param name="Source">How they arrived (<c>owntracks-http</c>, <c>overland</c>).</param>
/// <param name="Received">Records the request held.</param>
/// <param name="Stored">Records stored anew.</param>
/// <param name="Matched">Records already stored (a re-sent batch, a fix imported before).</param>
/// <param name="From">The earliest record's time.</param>
/// <param name="Until">The latest record's time.</param>
/// <param name="FileId">The provenance row of the batch.</param>
public sealed record NewRecordsMessage(
    string Kind, string Source, int Received, long Stored, long Matched, DateTime? From, DateTime? Until, long? FileId);
