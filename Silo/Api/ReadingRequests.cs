using Datapunk.Lake.Reading;

namespace Datapunk.Silo.Api;

/// <summary>
/// The timeline, daily stats and anomaly range queries built from what a caller named, with the rules on which
/// parameters go together (a day or a range; a metric and a range) and the readers' own checks:
/// the REST routes and the gRPC services ask the same questions the same way.
/// </summary>
internal static class ReadingRequests
{
    /// <summary>A timeline of one day (<paramref name="date"/>) or a range (<paramref name="from"/> to <paramref name="to"/>), and what is wrong with it.</summary>
    public static (TimelineQuery Query, QueryErrors Errors) Timeline(
        string? date, string? from, string? to, string? timeZone, int limit, string? after, QueryErrors errors, IReadOnlyList<string>? kinds = null,
        IReadOnlyList<string>? sources = null)
    {
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

        var query = new TimelineQuery(day ?? first ?? default, day ?? last ?? default, timeZone ?? LocalCalendar.Utc, limit, after, kinds is { Count: > 0 } ? kinds : null,
            sources is { Count: > 0 } ? sources : null);
        return (query, errors.Any ? errors : TimelineQueries.Check(query));
    }

    /// <summary>A metric's daily series over local days <paramref name="from"/> to <paramref name="to"/>, and what is wrong with it.</summary>
    public static (DailyStatsQuery Query, QueryErrors Errors) DailyStats(string? metric, string? kind, string? from, string? to, string? timeZone)
    {
        var errors = new QueryErrors();
        var first = ReadingParameters.Date(from, "from", errors);
        var last = ReadingParameters.Date(to, "to", errors);
        if (metric is null)
        {
            errors.Add("metric", "Name a metric (metric=); GET /api/v1/stats/metrics lists them.");
        }

        if (from is null || to is null)
        {
            errors.Add(from is null ? "from" : "to", "Name the range: from=yyyy-MM-dd&to=yyyy-MM-dd, both included.");
        }

        var query = new DailyStatsQuery(metric ?? "", kind, first ?? default, last ?? default, timeZone ?? LocalCalendar.Utc);
        return (query, errors.Any ? errors : DailyStatsQueries.Check(query));
    }

    /// <summary>A range of local days <paramref name="from"/> to <paramref name="to"/>, both named and in order, and what is wrong with it.</summary>
    public static (DateOnly From, DateOnly To, QueryErrors Errors) DateRange(string? from, string? to)
    {
        var errors = new QueryErrors();
        var first = ReadingParameters.Date(from, "from", errors);
        var last = ReadingParameters.Date(to, "to", errors);
        if (from is null || to is null)
        {
            errors.Add(from is null ? "from" : "to", "Name the range: from=yyyy-MM-dd&to=yyyy-MM-dd, both included.");
        }
        else if (first > last)
        {
            errors.Add("to", "The range ends before it starts.");
        }

        return (first ?? default, last ?? default, errors);
    }
}
