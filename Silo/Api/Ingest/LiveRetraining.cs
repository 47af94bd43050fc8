using Datapunk.Users.Privacy;
using StackExchange.Redis;

namespace Datapunk.Silo.Api.Ingest;

/// <summary>
/// New live fixes retrain the user's places and anomalies models and refresh the user's catalog, as a
/// finished import does, but at most once per <see cref="Interval"/>: a phone posts every few minutes, and training on a year of
/// fixes takes seconds. A Redis key per user (under the user's <c>dp:u:{user}:</c> prefix, which
/// erasure removes) is the shared "trained lately" mark, so every silo keeps to one interval. When
/// Redis cannot be reached the models are not asked: the next import or the next reachable batch does.
/// </summary>
internal static partial class LiveRetraining
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static async Task RequestAsync(IConnectionMultiplexer redis, IGrainFactory grains, ILogger logger, string userId)
    {
        try
        {
            if (!await redis.GetDatabase().StringSetAsync(KeyOf(userId), DateTimeOffset.UtcNow.ToString("O"), Interval, When.NotExists))
            {
                return;
            }
        }
        catch (RedisException exception)
        {
            Log.NotRequested(logger, userId, exception.Message);
            return;
        }

        CallerContext.Set(userId, AccountRoles.Member);
        try
        {
            await ForgeTriggers.DataChangedAsync(grains, userId, "live fixes");
            await grains.GetGrain<ICatalogGrain>(userId).RequestRefreshAsync("live fixes");
        }
        finally
        {
            CallerContext.Clear();
        }
    }

    public static string KeyOf(string userId) => UserCacheKeys.For(userId, "models:live-retrain");

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Live fixes of {UserId} did not ask for retraining: Redis is unreachable ({Reason})")]
        public static partial void NotRequested(ILogger logger, string userId, string reason);
    }
}
