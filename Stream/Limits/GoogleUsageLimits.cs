using System.Net;

namespace Datapunk.Streams.Limits;

/// <summary>
/// Google's APIs answer a limit reached with 403, not 429, and say which limit in the error body
/// (<c>{error: {errors: [{domain, reason}]}}</c>): <c>rateLimitExceeded</c> and <c>userRateLimitExceeded</c>
/// are per-minute limits that backing off waits out; <c>quotaExceeded</c> and <c>dailyLimitExceeded</c> are
/// a project's daily quota (YouTube's 10,000 units), which comes back only when Google resets it at
/// midnight Pacific Time. Any other 403 (a scope not granted, a resource forbidden) is no limit.
/// </summary>
internal static class GoogleUsageLimits
{
    private static readonly HashSet<string> RateReasons = new(["rateLimitExceeded", "userRateLimitExceeded"], StringComparer.Ordinal);
    private static readonly HashSet<string> DailyReasons = new(["quotaExceeded", "dailyLimitExceeded"], StringComparer.Ordinal);

    /// <summary>Google's daily quotas are reset at midnight in this zone.</summary>
    private static readonly TimeZoneInfo Pacific =
        TimeZoneInfo.TryFindSystemTimeZoneById("America/Los_Angeles", out var zone) ? zone
        // Without the time zone database: Pacific Standard Time all year, an hour late in summer.
        : TimeZoneInfo.CreateCustomTimeZone("PST", TimeSpan.FromHours(-8), "PST", "PST");

    /// <summary>Which limit a 403 reports: none (not a 403, or another reason), a per-minute rate, or the daily quota.</summary>
    public static async ValueTask<UsageLimit> OfAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Forbidden)
        {
            return UsageLimit.None;
        }

        var reasons = await GoogleErrorReasons.ReadAsync(response);
        return reasons.Any(DailyReasons.Contains) ? UsageLimit.Daily
            : reasons.Any(RateReasons.Contains) ? UsageLimit.Rate
            : UsageLimit.None;
    }

    /// <summary>How long until the daily quotas are reset after <paramref name="now"/>: the next midnight Pacific Time.</summary>
    public static TimeSpan UntilDailyReset(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Pacific);
        var midnight = local.Date.AddDays(1);
        var reset = new DateTimeOffset(midnight, Pacific.GetUtcOffset(midnight));
        return reset - now;
    }
}
