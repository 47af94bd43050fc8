namespace Datapunk.Lake.Reading;

/// <summary>The bounds of every reading query: each answer is a bounded amount of work and of data.</summary>
public static class ReadingLimits
{
    public const int DefaultRecords = 100;
    public const int MaxRecords = 500;

    public const int MaxTimelineDays = 31;
    public const int DefaultTimelineEntries = 500;
    public const int MaxTimelineEntries = 2_000;

    public const int DefaultMapPoints = 5_000;
    public const int MaxMapPoints = 50_000;

    public const int DefaultPlaces = 500;
    public const int MaxPlaces = 5_000;

    public const int MaxStatsDays = 366;

    public const int MaxTextLength = 200;

    /// <summary>A reading statement that runs longer is cancelled by the database: no query holds a connection for long.</summary>
    public const int StatementTimeoutSeconds = 30;

    /// <summary>Checks that <paramref name="limit"/> is within 1 and <paramref name="max"/>.</summary>
    public static void CheckLimit(QueryErrors errors, int limit, int max)
    {
        if (limit is < 1 || limit > max)
        {
            errors.Add("limit", $"The limit must be between 1 and {max}; it was {limit}.");
        }
    }

    /// <summary>Checks that a time range, when both ends are given, is not empty.</summary>
    public static void CheckRange(QueryErrors errors, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } start && to is { } end && end <= start)
        {
            errors.Add("to", $"The range ends ({end:O}) before or where it starts ({start:O}); 'to' is excluded, so it must be later than 'from'.");
        }
    }
}
