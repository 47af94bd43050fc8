using System.Globalization;
using System.Threading.RateLimiting;
using Datapunk.Silo.Auth;

namespace Datapunk.Silo.Api.Ingest;

/// <summary>
/// A token bucket per ingest token (<c>Ingest:RequestsPerMinute</c>, default 120: OwnTracks posts each
/// fix as it is taken, Overland a batch at the interval its slider sets, down to a second), so a
/// misbehaving phone is told to wait (429 with Retry-After) instead of flooding the database.
/// </summary>
public sealed class IngestTokenLimits(int requestsPerMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(tokenId =>
        RateLimitPartition.GetTokenBucketLimiter(tokenId, _ => RateLimitSetup.PerMinute(requestsPerMinute)));

    /// <summary>An endpoint filter: the request goes on when its token has room, else 429.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tokenId = http.User.FindFirst(IngestTokenAuthenticationHandler.TokenIdClaim)?.Value
            ?? throw new InvalidOperationException("An ingest route ran without an ingest token.");
        using var lease = http.RequestServices.GetRequiredService<IngestTokenLimits>()._limiter.AttemptAcquire(tokenId);
        if (lease.IsAcquired)
        {
            return await next(context);
        }

        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 10;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"This ingest token sent more requests than its limit allows; retry after {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests");
    }

    public void Dispose() => _limiter.Dispose();
}
