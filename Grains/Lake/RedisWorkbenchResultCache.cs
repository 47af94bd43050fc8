using System.Text.Json;
using Datapunk.Lake.Workbench;
using Datapunk.Users.Privacy;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Datapunk.Grains;

/// <summary>
/// Workbench results in Redis under <c>dp:u:{user}:sql:{query hash}:{data version}</c> (<see cref="UserCacheKeys"/>:
/// erasure deletes them with the user's other keys). A new data version names new keys, so a result of older data
/// is never read again and expires with its time to live. Redis being unreachable costs the cache, not the query.
/// </summary>
public sealed partial class RedisWorkbenchResultCache(IConnectionMultiplexer redis, ILogger<RedisWorkbenchResultCache> logger) : IWorkbenchResultCache
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public static string KeyOf(string userId, string queryHash, string dataVersion) => UserCacheKeys.For(userId, $"sql:{queryHash}:{dataVersion}");

    public async Task<WorkbenchCachedResult?> GetAsync(string userId, string queryHash, string dataVersion)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(KeyOf(userId, queryHash, dataVersion));
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<WorkbenchCachedResult>(value.ToString(), Json);
        }
        catch (RedisException exception)
        {
            LogCacheUnavailable(logger, exception, userId);
            return null;
        }
    }

    public async Task SetAsync(string userId, string queryHash, string dataVersion, WorkbenchCachedResult result, TimeSpan timeToLive)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(KeyOf(userId, queryHash, dataVersion), JsonSerializer.Serialize(result, Json), timeToLive);
        }
        catch (RedisException exception)
        {
            LogCacheUnavailable(logger, exception, userId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SQL workbench's cache in Redis is unavailable for {UserId}: the query runs uncached")]
    private static partial void LogCacheUnavailable(ILogger logger, Exception exception, string userId);
}
