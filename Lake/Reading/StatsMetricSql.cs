namespace Datapunk.Lake.Reading;

/// <summary>
/// How a daily metric is computed: a query returning (day number from 1, value) rows for the days
/// that have data, given <c>@user</c>, the user's clock (<see cref="LocalClockSql"/>: a local day is
/// numbered by <see cref="LocalClockSql.DayNumber"/>), <c>@start</c> and <c>@end</c> (the instants
/// within which the days can fall, <see cref="LocalClock.Window"/>), <c>@kind</c>, and
/// <c>@first_date</c>/<c>@last_date</c> for records that are dates rather than instants.
/// </summary>
/// <param name="EmptyDay">The value of a day without rows: 0 for counts, null where no data is not zero.</param>
/// <param name="Kind">The record kind <c>@kind</c> is for a metric of one kind; null where the query names it.</param>
internal sealed record StatsMetricSql(StatsMetric Metric, string Sql, double? EmptyDay, RecordKind? Kind = null);
