namespace Datapunk.Lake.Reading;

/// <summary>Ranges of local days, first and last included.</summary>
public static class LocalDays
{
    /// <summary>Checks that <paramref name="from"/> is not after <paramref name="to"/> and the range spans at most <paramref name="maxDays"/> days.</summary>
    public static void Check(QueryErrors errors, DateOnly from, DateOnly to, int maxDays)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        if (days < 1)
        {
            errors.Add("to", $"The last day ({to:yyyy-MM-dd}) is before the first ({from:yyyy-MM-dd}).");
        }
        else if (days > maxDays)
        {
            errors.Add("to", $"The range spans {days} days; at most {maxDays} are allowed in one request.");
        }
    }
}
