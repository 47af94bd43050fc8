using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// A <see cref="LocalClock"/> in SQL: its offsets as the parameters <c>@clock_starts</c> and
/// <c>@clock_offsets</c>, looked up by binary search (<c>width_bucket</c>); local times and days are
/// arithmetic on them, so no zone rule of the database server's own is used.
/// </summary>
internal static class LocalClockSql
{
    /// <summary>The clock's offset at <paramref name="instant"/> (a <c>timestamptz</c> within the clock's window), in seconds.</summary>
    public static string OffsetAt(string instant) => $"(@clock_offsets)[greatest(1, width_bucket({instant}, @clock_starts))]";

    /// <summary>A record's offset: the one its export gave (<see cref="ExportedOffsets"/>), else the clock's; over <c>user_data.records r</c>.</summary>
    public static string RecordOffset => $"coalesce({ExportedOffsets.Seconds}, {OffsetAt("r.occurred_at")})";

    /// <summary><paramref name="instant"/> as a local <c>timestamp</c>, <paramref name="offset"/> seconds from UTC.</summary>
    public static string LocalTime(string instant, string offset) => $"(({instant}) AT TIME ZONE 'UTC' + make_interval(secs => {offset}))";

    /// <summary>The local day of <paramref name="instant"/> as a number from 1 for <c>@first_date</c>.</summary>
    public static string DayNumber(string instant, string offset) => $"({LocalTime(instant, offset)}::date - @first_date + 1)";

    /// <summary>The local day of a record (<c>r</c>), numbered from 1 for <c>@first_date</c>.</summary>
    public static string RecordDay => DayNumber("r.occurred_at", RecordOffset);

    public static void AddParameters(NpgsqlCommand command, LocalClock clock)
    {
        command.Parameters.AddWithValue("clock_starts", clock.StartsArray);
        command.Parameters.AddWithValue("clock_offsets", clock.OffsetSecondsArray);
    }
}
