using System.Diagnostics;
using Npgsql;

namespace Datapunk.Cortex.Places;

/// <summary>
/// Works out where a user's clock was, after imports and off their path (docs/cortex.md, "Places and
/// local time"). For every hour that has a located fix or record, the zone of the gazetteer's nearest
/// town to the first of them (<c>user_data.local_zone_samples</c>), a month per transaction with a
/// checkpoint, so that a pass stopped by a crash resumes at its next month; then the spans
/// (<see cref="ZoneSpanBuilder"/>, <c>user_data.local_zone_spans</c>) replaced in one transaction.
/// Everything runs in the user's row-level-security scope.
/// </summary>
public sealed class LocalZonePass(NpgsqlDataSource dataSource, PlacesOptions options)
{
    private static readonly string Sample = $"""
        DELETE FROM user_data.local_zone_samples WHERE user_id = @user AND at >= @from AND at < @to;
        INSERT INTO user_data.local_zone_samples (user_id, at, zone, place_id)
        SELECT @user, s.at, g.zone, g.place_id
        FROM (
            SELECT DISTINCT ON (hour) at, position
            FROM (
                SELECT date_trunc('hour', p.time AT TIME ZONE 'UTC') AS hour, p.time AS at, p.position
                FROM timeseries.location_points p
                WHERE p.user_id = @user AND p.time >= @from AND p.time < @to
                UNION ALL
                SELECT date_trunc('hour', r.occurred_at AT TIME ZONE 'UTC'), r.occurred_at, r.position
                FROM user_data.records r
                WHERE r.user_id = @user AND r.position IS NOT NULL AND r.occurred_at >= @from AND r.occurred_at < @to
                UNION ALL
                -- A stay's end says where the user still was: without it, the gap before the next place
                -- was split at its middle, and a Berlin evening ended on the next morning's Lisbon clock.
                SELECT date_trunc('hour', r.ended_at AT TIME ZONE 'UTC'), r.ended_at, r.position
                FROM user_data.records r
                WHERE r.user_id = @user AND r.position IS NOT NULL AND r.ended_at >= @from AND r.ended_at < @to
            ) located
            ORDER BY hour, at
        ) s
        {NearestPlaceSql.Lateral("s.position::geometry")}
        WHERE g.metres <= @within;
        UPDATE user_data.local_zone_passes SET next_month = @to WHERE user_id = @user;
        """;

    private const string Begin = """
        WITH located AS (
            SELECT min(p.time) AS first, max(p.time) AS last FROM timeseries.location_points p WHERE p.user_id = @user
            UNION ALL
            SELECT min(r.occurred_at), max(r.occurred_at) FROM user_data.records r WHERE r.user_id = @user AND r.position IS NOT NULL
        )
        INSERT INTO user_data.local_zone_passes AS x (user_id, requested_at, started_at, next_month, last_month)
        SELECT @user, now(), now(), date_trunc('month', min(first) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
               date_trunc('month', max(last) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
        FROM located
        ON CONFLICT (user_id) DO UPDATE SET started_at = excluded.started_at, next_month = excluded.next_month, last_month = excluded.last_month
        RETURNING next_month, last_month
        """;

    /// <summary>Notes that the user's data changed (after an import): the next <see cref="RunAsync"/> starts over.</summary>
    public async Task RequestAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = await UserScope.OpenAsync(dataSource, userId, cancellationToken);
        await using var command = scope.Command("""
            INSERT INTO user_data.local_zone_passes (user_id, requested_at) VALUES (@user, clock_timestamp())
            ON CONFLICT (user_id) DO UPDATE SET requested_at = excluded.requested_at
            """);
        command.Parameters.AddWithValue("user", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await scope.CommitAsync(cancellationToken);
    }

    /// <summary>Whether a pass was asked for and has not finished since (a pass stopped midway counts).</summary>
    public async Task<bool> IsPendingAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = await UserScope.OpenAsync(dataSource, userId, cancellationToken);
        await using var command = scope.Command("""
            SELECT finished_at IS NULL OR requested_at > started_at OR next_month IS NOT NULL
            FROM user_data.local_zone_passes WHERE user_id = @user
            """);
        command.Parameters.AddWithValue("user", userId);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>Runs the pass to its end: resumes a pass stopped midway unless the data changed since it started, else starts over.</summary>
    public async Task<LocalZonePassResult> RunAsync(string userId, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var (next, last) = await ResumePointAsync(userId, cancellationToken);
        var months = next is { } first && last is { } final ? (final.Year - first.Year) * 12 + final.Month - first.Month + 1 : 0;
        var sampled = 0;
        for (var month = next; month is { } from && from <= last; month = from.AddMonths(1))
        {
            await using var scope = await UserScope.OpenAsync(dataSource, userId, cancellationToken);
            await using var command = scope.Command(Sample);
            command.CommandTimeout = 0;
            command.Parameters.AddWithValue("user", userId);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", from.AddMonths(1));
            command.Parameters.AddWithValue("within", options.ZoneWithinKm * 1000);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await scope.CommitAsync(cancellationToken);
            sampled++;
        }

        var (samples, spans) = await WriteSpansAsync(userId, watch, cancellationToken);
        return new LocalZonePassResult(sampled, months, samples, spans, watch.Elapsed);
    }

    /// <summary>The next month to sample and the last, from the checkpoint of a pass under way, else of a new one.</summary>
    private async Task<(DateTime? Next, DateTime? Last)> ResumePointAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = await UserScope.OpenAsync(dataSource, userId, cancellationToken);
        await using (var current = scope.Command("""
            SELECT next_month, last_month FROM user_data.local_zone_passes
            WHERE user_id = @user AND next_month IS NOT NULL AND started_at >= requested_at
            """))
        {
            current.Parameters.AddWithValue("user", userId);
            await using var reader = await current.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return (reader.GetFieldValue<DateTime>(0), reader.GetFieldValue<DateTime>(1));
            }
        }

        await using var begin = scope.Command(Begin);
        begin.Parameters.AddWithValue("user", userId);
        (DateTime? Next, DateTime? Last) range;
        await using (var reader = await begin.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            range = (reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTime>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTime>(1));
        }

        // Samples outside the months that hold located data now are of data no longer there.
        await using var outside = scope.Command("""
            DELETE FROM user_data.local_zone_samples WHERE user_id = @user AND (@first::timestamptz IS NULL OR at < @first OR at >= @after_last)
            """);
        outside.Parameters.AddWithValue("user", userId);
        outside.Parameters.Add(new NpgsqlParameter("first", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)range.Next ?? DBNull.Value });
        outside.Parameters.Add(new NpgsqlParameter("after_last", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)range.Last?.AddMonths(1) ?? DBNull.Value });
        await outside.ExecuteNonQueryAsync(cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return range;
    }

    private async Task<(int Samples, int Spans)> WriteSpansAsync(string userId, Stopwatch watch, CancellationToken cancellationToken)
    {
        await using var scope = await UserScope.OpenAsync(dataSource, userId, cancellationToken);
        var samples = new List<ZoneSample>();
        await using (var read = scope.Command("SELECT at, zone FROM user_data.local_zone_samples WHERE user_id = @user ORDER BY at"))
        {
            read.Parameters.AddWithValue("user", userId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                samples.Add(new ZoneSample(reader.GetFieldValue<DateTime>(0), reader.GetString(1)));
            }
        }

        var spans = ZoneSpanBuilder.Build(samples, options.ZoneReach);
        await using (var write = scope.Command("""
            DELETE FROM user_data.local_zone_spans WHERE user_id = @user;
            INSERT INTO user_data.local_zone_spans (user_id, starts_at, ends_at, zone, samples)
            SELECT @user, s, e, z, n FROM unnest(@starts, @ends, @zones, @samples) AS x(s, e, z, n);
            UPDATE user_data.local_zone_passes
            SET next_month = NULL, finished_at = now(), samples = @sample_count, spans = @span_count, elapsed_ms = @elapsed_ms
            WHERE user_id = @user;
            """))
        {
            write.Parameters.AddWithValue("user", userId);
            write.Parameters.AddWithValue("starts", spans.Select(span => span.Span.Start).ToArray());
            write.Parameters.AddWithValue("ends", spans.Select(span => span.Span.End).ToArray());
            write.Parameters.AddWithValue("zones", spans.Select(span => span.Span.ZoneId).ToArray());
            write.Parameters.AddWithValue("samples", spans.Select(span => span.Samples).ToArray());
            write.Parameters.AddWithValue("sample_count", samples.Count);
            write.Parameters.AddWithValue("span_count", spans.Count);
            write.Parameters.AddWithValue("elapsed_ms", (int)watch.ElapsedMilliseconds);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return (samples.Count, spans.Count);
    }
}
