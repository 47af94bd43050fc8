using StackExchange.Redis;

namespace Datapunk.Streams.Limits;

/// <summary>
/// The request quotas of a provider, kept in Redis so every silo and every user shares them: one
/// sliding window per provider application and one per connection, checked and taken together by one
/// Lua script (atomic in Redis, timed by Redis' own clock so the silos' clocks do not matter). A
/// request goes out only when every window has room; otherwise the caller waits as long as the script
/// says the fullest window needs, then asks again.
/// </summary>
public sealed class ProviderQuota(IConnectionMultiplexer redis, TimeProvider time)
{
    /// <summary>
    /// Windows are counted this much longer than configured, so that requests admitted a window apart
    /// and delayed differently on their way (a cold connection, a busy thread pool) still arrive at the
    /// provider a window apart. 100 ms was not enough on a loaded 2-core machine (QuotaTests saw 5
    /// requests in one second at a quota of 4); a request delayed by more than this can still make the
    /// provider count one more.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(300);

    // KEYS: one sorted set of admission times per window. ARGV: a unique member, then (limit, window
    // in ms) per key. Returns 0 when the request was admitted (and counted in every window), else the
    // milliseconds until the fullest window has room.
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local wait = 0
        for i, key in ipairs(KEYS) do
            local limit = tonumber(ARGV[2 * i])
            local window = tonumber(ARGV[2 * i + 1])
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
            if redis.call('ZCARD', key) >= limit then
                local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
                local until_room = tonumber(oldest[2]) + window - now + 1
                if until_room > wait then wait = until_room end
            end
        end
        if wait > 0 then return wait end
        for i, key in ipairs(KEYS) do
            redis.call('ZADD', key, now, ARGV[1])
            redis.call('PEXPIRE', key, tonumber(ARGV[2 * i + 1]) + 1000)
        end
        return 0
        """;

    /// <summary>
    /// Waits until one request may go out under every window of <paramref name="windows"/>, and counts
    /// it in each; throws <see cref="QuotaExhaustedException"/> when that would take longer than <paramref name="longest"/>.
    /// </summary>
    public async Task AcquireAsync(IReadOnlyList<QuotaWindow> windows, TimeSpan longest, CancellationToken cancellationToken)
    {
        var keys = windows.Select(window => (RedisKey)window.Key).ToArray();
        var arguments = new List<RedisValue> { Guid.NewGuid().ToString("N") };
        foreach (var window in windows)
        {
            arguments.Add(window.Limit);
            arguments.Add((long)(window.Length + Margin).TotalMilliseconds);
        }

        var deadline = time.GetUtcNow() + longest;
        while (true)
        {
            var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(Script, keys, [.. arguments]);
            if (wait == 0)
            {
                return;
            }

            var delay = TimeSpan.FromMilliseconds(wait);
            if (time.GetUtcNow() + delay > deadline)
            {
                throw new QuotaExhaustedException($"The quota {string.Join(", ", windows.Select(w => w.Key))} has no room for {delay.TotalSeconds:0.#} s.", delay);
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }
}
