using Datapunk.Users.Audit;
using Datapunk.Lake.Reading;
using Datapunk.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary><c>GET /api/v1/timeline</c>: the caller's local days, every kind merged in time order, fixes summarised per hour.</summary>
public static class TimelineApi
{
    public static RouteGroupBuilder MapTimelineApi(this RouteGroupBuilder api)
    {
        api.MapGet("/timeline", ReadAsync).Audited(AuditActions.TimelineRead).WithTags("Timeline").WithName("GetTimeline")
            .WithSummary("The caller's day (date=yyyy-MM-dd) or days (from=, to=, both included, at most 31) in time zone tz= (IANA id, default UTC): "
                + "every record in time order with its UTC and local time, location fixes summarised per local hour; kind= (repeated or comma-separated; "
                + "location_points for the fix summaries; default every kind), source= (export format id or family, repeated; each entry names its source), limit= (1-2000, default 500), after= (the cursor of 'next').");
        return api;
    }

    /// <summary>A page of the timeline and the link to the next page.</summary>
    public sealed record TimelineResponse(string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<TimelineEntry> Entries, string? Next);

    private static async Task<Results<Ok<TimelineResponse>, ValidationProblem>> ReadAsync(
        HttpContext http, IGrainFactory grains, string? date, string? from, string? to, string? tz, string? limit, string? after, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var pageSize = ReadingParameters.Limit(limit, ReadingLimits.DefaultTimelineEntries, errors);
        (var query, errors) = ReadingRequests.Timeline(
            date, from, to, tz, pageSize, after, errors, ReadingParameters.Kinds(http.Request), ReadingParameters.Listed(http.Request, "source"));
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ByParameter);
        }

        var page = await grains.GetGrain<IUserGrain>(http.User.UserIdOf()).GetTimelineAsync(query, cancellationToken);
        http.ReportAuditedRecords(page.Entries.Count);
        return TypedResults.Ok(new TimelineResponse(page.TimeZone, page.From, page.To, page.Entries, ReadingParameters.NextLink(http.Request, page.Next)));
    }
}
