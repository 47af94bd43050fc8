namespace Datapunk.Lake.Reading;

/// <summary>An open end of a time range as a bound PostgreSQL compares with (and plans partition pruning from).</summary>
internal static class TimeBounds
{
    private static readonly DateTime Earliest = new(1800, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime Latest = new(3000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime Start(DateTimeOffset? from) => from?.UtcDateTime ?? Earliest;

    public static DateTime End(DateTimeOffset? to) => to?.UtcDateTime ?? Latest;
}
