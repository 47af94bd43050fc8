namespace Datapunk.Lake.Reading;

/// <summary>Checks a timeline query: a known time zone, at most <see cref="ReadingLimits.MaxTimelineDays"/> days, a bounded page, known kinds, source names.</summary>
public static class TimelineQueries
{
    /// <summary>What is wrong with <paramref name="query"/>, by parameter (nothing when it can run).</summary>
    public static QueryErrors Check(TimelineQuery query)
    {
        var errors = new QueryErrors();
        Parse(query, errors);
        return errors;
    }

    internal static (LocalCalendar? Calendar, PageCursor? After, TimelineKinds Kinds) Parse(TimelineQuery query, QueryErrors errors)
    {
        var calendar = LocalCalendar.Resolve(query.TimeZone, errors);
        LocalDays.Check(errors, query.From, query.To, ReadingLimits.MaxTimelineDays);
        ReadingLimits.CheckLimit(errors, query.Limit, ReadingLimits.MaxTimelineEntries);
        RecordSources.Check(query.Sources ?? [], errors);
        return (calendar, PageCursor.Decode(query.After, errors), TimelineKinds.Parse(query.Kinds, errors));
    }
}
