using System.Security.Claims;
using Datapunk.Lake.Live;
using Datapunk.Lake.Storage;
using Datapunk.Silo.Auth;
using StackExchange.Redis;

namespace Datapunk.Silo.Api.Ingest;

/// <summary>
/// Live location from phones, the way people feed self-hosted trackers today (docs/sources.md,
/// "OwnTracks and Overland (live location)"): OwnTracks' HTTP mode and Overland post here with an
/// ingest token of the user (<see cref="AuthPolicies.Ingest"/>), whose id comes from the token alone.
/// A success answer is sent only after the batch's transaction committed (Overland deletes what it
/// sent when it reads <c>{"result":"ok"}</c>); a refused body stores nothing.
/// </summary>
public static class IngestApi
{
    public const string Prefix = "/ingest";

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var ingest = app.MapGroup(Prefix).WithTags("Ingest").RequireAuthorization(AuthPolicies.Ingest).AddEndpointFilter(IngestTokenLimits.FilterAsync);
        ingest.MapPost("/owntracks", OwnTracksAsync).WithName("IngestOwnTracks")
            .WithSummary("OwnTracks' HTTP mode: one message or an array; locations are stored, other types acknowledged. Answers [] once stored.");
        ingest.MapPost("/overland", OverlandAsync).WithName("IngestOverland")
            .WithSummary("Overland's batch of GeoJSON features. Answers {\"result\":\"ok\"} once stored.");
        return app;
    }

    private static Task<IResult> OwnTracksAsync(HttpContext http, ClaimsPrincipal caller, LiveLimits limits, TimeProvider clock) =>
        StoreAsync(http, caller, limits, body => OwnTracksHttpBody.Parse(body, http.Request.Headers["X-Limit-D"].FirstOrDefault(), limits, clock.GetUtcNow().UtcDateTime),
            static () => TypedResults.Json(Array.Empty<object>()));

    private static Task<IResult> OverlandAsync(HttpContext http, ClaimsPrincipal caller, LiveLimits limits, TimeProvider clock) =>
        StoreAsync(http, caller, limits, body => OverlandBody.Parse(body, limits, clock.GetUtcNow().UtcDateTime),
            static () => TypedResults.Json(new OverlandAnswer("ok")));

    private static async Task<IResult> StoreAsync(
        HttpContext http, ClaimsPrincipal caller, LiveLimits limits, Func<ReadOnlyMemory<byte>, LiveFixBatch> parse, Func<IResult> stored)
    {
        if (await BoundedBody.ReadAsync(http.Request, limits.MaxBodyBytes, http.RequestAborted) is not { } body)
        {
            return TypedResults.Problem(
                $"The body is longer than the {limits.MaxBodyBytes} bytes taken per request: send fewer locations per batch.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
        }

        LiveFixBatch batch;
        try
        {
            batch = parse(body);
        }
        catch (LiveBodyException exception)
        {
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest, title: "The body cannot be stored");
        }

        var userId = caller.UserIdOf();
        var services = http.RequestServices;
        LiveBatchStored result;
        try
        {
            result = await services.GetRequiredService<LiveFixStore>().StoreAsync(userId, batch, http.RequestAborted);
        }
        catch (AccountGoneException exception)
        {
            // The token was checked before an erasure of its account finished; the batch arrived after.
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status410Gone, title: "The account was erased");
        }

        if (result.Received > 0)
        {
            var redis = services.GetRequiredService<IConnectionMultiplexer>();
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IngestApi));
            RecordsFeed.Publish(redis, logger, userId, batch.Source, result);
            if (result.Stored > 0)
            {
                await LiveRetraining.RequestAsync(redis, services.GetRequiredService<IGrainFactory>(), logger, userId);
            }
        }

        return stored();
    }

    /// <summary>What Overland waits for before it deletes the points it sent.</summary>
    public sealed record OverlandAnswer(string Result);
}
