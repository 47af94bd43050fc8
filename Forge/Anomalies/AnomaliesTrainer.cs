using System.Text.Json;
using Datapunk.Forge.Storage;
using Datapunk.Forge.Training;
using Datapunk.Lake.Reading;
using NodaTime;

namespace Datapunk.Forge.Anomalies;

/// <summary>
/// Trains the anomalies model: each feature's daily series over every local day with data, read
/// through the Lake's own daily stats (the same figures /api/v1/stats/daily shows, a year per query),
/// then scored by <see cref="AnomalyDetector"/>.
/// </summary>
internal sealed class AnomaliesTrainer(NpgsqlDataSource dataSource, DailyStatsReader stats) : IModelTrainer
{
    private readonly AnomalyParameters _parameters = new();

    public string Kind => ModelKinds.Anomalies;

    public IReadOnlyDictionary<string, double> Parameters => _parameters.ToDictionary();

    public async Task<TrainedModel> TrainAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.TimeZone) ?? DateTimeZone.Utc;
        if (await SpanAsync(request.UserId, cancellationToken) is not { } span)
        {
            return new TrainedAnomalies([], zone.Id) { Metrics = new Dictionary<string, double> { ["days"] = 0, ["flagged_days"] = 0 } };
        }

        var first = Local(span.First, zone);
        var last = Local(span.Last, zone);
        var days = last.DayNumber - first.DayNumber + 1;
        var values = AnomalyFeature.All.ToDictionary(feature => feature.Metric, _ => new double?[days]);
        for (var from = first; from <= last; from = from.AddDays(ReadingLimits.MaxStatsDays))
        {
            var to = from.AddDays(ReadingLimits.MaxStatsDays - 1) < last ? from.AddDays(ReadingLimits.MaxStatsDays - 1) : last;
            foreach (var feature in AnomalyFeature.All)
            {
                var series = await stats.ReadAsync(request.UserId, new DailyStatsQuery(feature.Metric, null, from, to, zone.Id), cancellationToken);
                foreach (var value in series.Days)
                {
                    values[feature.Metric][value.Date.DayNumber - first.DayNumber] = value.Value;
                }
            }
        }

        var scored = AnomalyDetector.Score(first, values, _parameters);
        return new TrainedAnomalies(scored, zone.Id)
        {
            DataFrom = span.First,
            DataTo = span.Last,
            Metrics = new Dictionary<string, double> { ["days"] = days, ["flagged_days"] = scored.Count(day => day.Reasons.Count > 0) },
        };
    }

    /// <summary>The first and last instant of the data the features are computed from.</summary>
    private async Task<(DateTimeOffset First, DateTimeOffset Last)?> SpanAsync(string userId, CancellationToken cancellationToken)
    {
        await using var transaction = await UserTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await using var command = transaction.Command($"""
            SELECT min(first), max(last) FROM (
                SELECT min(time) AS first, max(time) AS last FROM timeseries.location_points WHERE user_id = $1
                UNION ALL
                SELECT min(occurred_at), max(occurred_at) FROM user_data.records
                WHERE user_id = $1 AND kind IN ({(short)Lake.RecordKind.PlaceVisit}, {(short)Lake.RecordKind.YoutubeWatch}, {(short)Lake.RecordKind.FitDay}, {(short)Lake.RecordKind.SpotifyPlay})
            ) spans
            """, userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? null : (UserTransaction.Time(reader, 0)!.Value, UserTransaction.Time(reader, 1)!.Value);
    }

    private static DateOnly Local(DateTimeOffset instant, DateTimeZone zone)
    {
        var date = Instant.FromDateTimeOffset(instant).InZone(zone).Date;
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    private sealed class TrainedAnomalies(IReadOnlyList<AnomalyDay> days, string zone) : TrainedModel
    {
        internal override Task WriteAsync(UserTransaction transaction, int version, CancellationToken cancellationToken) =>
            transaction.ExecuteAsync("""
                INSERT INTO analytics.day_features (user_id, version, time_zone, day, features, score, reasons)
                SELECT $1, $2, $3, day, features::jsonb, score, reasons::jsonb FROM unnest($4::date[], $5::text[], $6::float8[], $7::text[]) AS d(day, features, score, reasons)
                """, cancellationToken, transaction.UserId, version, zone,
                days.Select(day => day.Date).ToArray(),
                days.Select(day => JsonSerializer.Serialize(day.Features)).ToArray(),
                days.Select(day => day.Reasons.Count == 0 ? (double?)null : day.Score).ToArray(),
                days.Select(day => day.Reasons.Count == 0 ? null : JsonSerializer.Serialize(day.Reasons, AnomaliesService.Json)).ToArray());
    }
}
