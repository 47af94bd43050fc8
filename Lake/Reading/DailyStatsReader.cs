using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>A metric's value for every local day of a range (<see cref="StatsMetrics"/> computes each).</summary>
public sealed class DailyStatsReader(NpgsqlDataSource dataSource)
{
    public async Task<DailySeries> ReadAsync(string userId, DailyStatsQuery query, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var (metric, kind, calendar) = DailyStatsQueries.Parse(query, errors);
        errors.ThrowIfAny();

        var days = calendar!.DayStarts(query.From, query.To);
        var values = new double?[days.Length - 1];
        Array.Fill(values, metric!.EmptyDay);

        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await using var command = read.Command(metric.Sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("days", days);
        command.Parameters.AddWithValue("start", days[0]);
        command.Parameters.AddWithValue("end", days[^1]);
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
            calendar.ZoneId,
            [.. values.Select((value, day) => new DailyValue(query.From.AddDays(day), value))]);
    }
}
