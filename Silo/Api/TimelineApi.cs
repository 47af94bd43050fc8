using Datapunk.Lake.Reading;
using Datapunk.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary><c>GET /api/v1/timeline</c>: the caller's local days, every kind merged in time order, fixes summarised per hour.</summary>
public static class TimelineApi
{
    public static RouteGroupBuilder MapTimelineApi(this RouteGroupBuilder api)
    {
        api.MapGet("/timeline", ReadAsync).WithTags("Timeline").WithName("GetTimeline")
            .WithSummary("The caller's day (date=yyyy-MM-dd) or days (from=, to=, both included, at most 31) in time zone tz= (IANA id, default UTC): "
                + "every record in time order with its UTC and local time, location fixes summarised per local hour; limit= (1-2000, default 500), after= (the cursor of 'next').");
        return api;
    }

    /// <summary>A page of the timeline and the link to the next page.</summary>
    public sealed record TimelineResponse(string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<TimelineEntry> Entries, string? Next);

    private static async Task<Results<Ok<TimelineResponse>, ValidationProblem>> ReadAsync(
        HttpContext http, IGrainFactory grains, string? date, string? from, string? to, string? tz, string? limit, string? after)
    {
        var errors = new QueryErrors();
        var day = ReadingParameters.Date(date, "date", errors);
        var first = ReadingParameters.Date(from, "from", errors);
        var last = ReadingParameters.Date(to, "to", errors);
        if (date is not null && (from is not null || to is not null))
        {
            errors.Add("date", "Give either date= or from= and to=, not both.");
        }
        else if (date is null && (from is null || to is null))
        {
            errors.Add("date", "Name the day (date=yyyy-MM-dd) or the range (from=yyyy-MM-dd&to=yyyy-MM-dd, both included).");
        }

        var query = new TimelineQuery(
            day ?? first ?? default, day ?? last ?? default, tz ?? LocalCalendar.Utc, ReadingParameters.Limit(limit, ReadingLimits.DefaultTimelineEntries, errors), after);
        if (!errors.Any)
        {
            errors = TimelineQueries.Check(query);
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ByParameter);
        }

        var page = await grains.GetGrain<IUserGrain>(http.User.UserIdOf()).GetTimelineAsync(query);
        return TypedResults.Ok(new TimelineResponse(page.TimeZone, page.From, page.To, page.Entries, ReadingParameters.NextLink(http.Request, page.Next)));
    }
}
