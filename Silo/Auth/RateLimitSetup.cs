using System.Globalization;
using System.Threading.RateLimiting;
using Datapunk.Silo.Api.Ingest;
using Datapunk.Silo.Grpc;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Datapunk.Silo.Auth;

/// <summary>
/// Per-caller limits: each token or session has a token bucket, and each user one more across all of
/// its tokens; anonymous requests (sign-in) are limited per client address. Over the limit: 429 with
/// Retry-After. Settings: <c>RateLimits:PerToken</c>, <c>RateLimits:PerUser</c>, <c>RateLimits:Anonymous</c>,
/// <c>RateLimits:IngestPerAddress</c> (the live location routes, per client address) (requests per minute).
/// </summary>
public static class RateLimitSetup
{
    public static IServiceCollection AddDatapunkRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perToken = configuration.GetValue("RateLimits:PerToken", 600);
        var perUser = configuration.GetValue("RateLimits:PerUser", 1200);
        var anonymous = configuration.GetValue("RateLimits:Anonymous", 60);
        var ingestPerAddress = configuration.GetValue("RateLimits:IngestPerAddress", 1200);
        services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => CallerKey(context) switch
                {
                    var key when key.StartsWith("ip:", StringComparison.Ordinal) => Bucket(key, anonymous),
                    var key when key.StartsWith("ingest-ip:", StringComparison.Ordinal) => Bucket(key, ingestPerAddress),
                    var key => Bucket(key, perToken),
                }),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    context.User.Identity?.IsAuthenticated == true
                        ? Bucket("user:" + context.User.UserIdOf(), perUser)
                        : RateLimitPartition.GetNoLimiter("anonymous")));
            limits.OnRejected = WriteTooManyRequestsAsync;
        });
        return services;
    }

    private static string CallerKey(HttpContext context)
    {
        var user = context.User;

        // Phones posting location are authenticated by their ingest token only on the ingest routes, after
        // this limit (each token then has its own, IngestTokenLimits); several phones may share an address.
        if (context.Request.Path.StartsWithSegments(IngestApi.Prefix))
        {
            return "ingest-ip:" + context.Connection.RemoteIpAddress;
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            return "ip:" + context.Connection.RemoteIpAddress;
        }

        return user.FindFirst(CallerPrincipals.TokenIdClaim)?.Value is { } tokenId ? "token:" + tokenId
            : user.FindFirst(CallerPrincipals.SessionIdClaim)?.Value is { } sessionId ? "session:" + sessionId
            : "user-other:" + user.UserIdOf();
    }

    private static RateLimitPartition<string> Bucket(string key, int perMinute) => RateLimitPartition.GetTokenBucketLimiter(key, _ => PerMinute(perMinute));

    /// <summary>A bucket of <paramref name="perMinute"/> requests, refilled a sixth every 10 s; over it, refused at once (no queue).</summary>
    public static TokenBucketRateLimiterOptions PerMinute(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = Math.Max(1, perMinute / 6),
        ReplenishmentPeriod = TimeSpan.FromSeconds(10),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var detail = $"This caller sent more requests than its limit allows; retry after {seconds} s.";
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (GrpcResponses.IsGrpc(context.Request))
        {
            await GrpcResponses.WriteStatusAsync(context, StatusCode.ResourceExhausted, detail);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = detail,
            },
        });
    }
}
