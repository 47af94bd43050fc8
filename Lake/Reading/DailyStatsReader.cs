using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// A metric's value for every local day of a range (<see cref="StatsMetrics"/> computes each): a day on
/// the clock where the user was (<see cref="LocalClock"/>).
/// </summary>
public sealed class DailyStatsReader(NpgsqlDataSource dataSource, ILocalZoneSpans zoneSpans)
{
    public async Task<DailySeries> ReadAsync(string userId, DailyStatsQuery query, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var (metric, kind, calendar) = DailyStatsQueries.Parse(query, errors);
        errors.ThrowIfAny();

        var values = new double?[query.To.DayNumber - query.From.DayNumber + 1];
        Array.Fill(values, metric!.EmptyDay);
        var (start, end) = LocalClock.Window(query.From, query.To);
        var clock = LocalClock.Build(calendar!, start, end, await zoneSpans.ReadAsync(userId, start, end, cancellationToken));

        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await using var command = read.Command(metric.Sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        LocalClockSql.AddParameters(command, clock);
        command.Parameters.AddWithValue("kind", (short)(kind ?? RecordKind.LocationPoint));
        command.Parameters.AddWithValue("first_date", query.From);
        command.Parameters.AddWithValue("last_date", query.To);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var day = reader.GetInt32(0);
                if (day >= 1 && day <= values.Length && !reader.IsDBNull(1))
                {
                    values[day - 1] = reader.GetDouble(1);
                }
            }
        }

        return new DailySeries(
            metric.Metric.Name,
            kind is { } named && metric.Metric.NeedsKind ? named.ToName() : null,
            metric.Metric.Unit,
            calendar!.ZoneId,
            [.. values.Select((value, day) => new DailyValue(query.From.AddDays(day), value))]);
    }
}
