using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// A user's local days: every record that has a time, in time order (then kind, then identity),
/// with the location fixes of each local hour summarised as one entry (count, first and last fix)
/// at the hour's start, a page at a time.
/// </summary>
public sealed class TimelineReader(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        SELECT at, kind, identity, ended_at, title, url, lat, lng, fixes, first_at, first_lat, first_lng, last_at, last_lat, last_lng, bucket
        FROM (
            SELECT r.occurred_at AS at, r.kind, r.identity, r.ended_at, r.title, r.url,
                   ST_Y(r.position::geometry) AS lat, ST_X(r.position::geometry) AS lng,
                   NULL::bigint AS fixes, NULL::timestamptz AS first_at, NULL::integer AS first_lat, NULL::integer AS first_lng,
                   NULL::timestamptz AS last_at, NULL::integer AS last_lat, NULL::integer AS last_lng, NULL::integer AS bucket
            FROM user_data.records r
            WHERE r.user_id = @user AND r.kind = ANY(@kinds) AND r.occurred_at >= @start AND r.occurred_at < @end
              AND r.occurred_at >= @after_at
            UNION ALL
            SELECT (@hours)[h.bucket], 0::smallint, to_char((@hours)[h.bucket] AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'), NULL, NULL, NULL,
                   NULL, NULL, h.fixes, h.first_at, h.first_lat, h.first_lng, h.last_at, h.last_lat, h.last_lng, h.bucket
            FROM (
                SELECT width_bucket(p.time, @hours) AS bucket, count(*) AS fixes, min(p.time) AS first_at, max(p.time) AS last_at,
                       (array_agg(p.lat_e7 ORDER BY p.time))[1] AS first_lat, (array_agg(p.lng_e7 ORDER BY p.time))[1] AS first_lng,
                       (array_agg(p.lat_e7 ORDER BY p.time DESC))[1] AS last_lat, (array_agg(p.lng_e7 ORDER BY p.time DESC))[1] AS last_lng
                FROM timeseries.location_points p
                WHERE p.user_id = @user AND p.time >= @start AND p.time < @end AND p.time >= @after_hour
                GROUP BY 1
            ) h
        ) entries
        WHERE (at, kind, identity) > (@after_at, @after_kind, @after_identity)
        ORDER BY at, kind, identity
        LIMIT @limit
        """;

    private static readonly short[] AllKinds = [.. RecordKindNames.Records.Select(kind => (short)kind)];

    public async Task<TimelinePage> ReadAsync(string userId, TimelineQuery query, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var (calendar, after) = TimelineQueries.Parse(query, errors);
        errors.ThrowIfAny();

        var start = calendar!.StartOf(query.From);
        var end = calendar.StartOf(query.To.AddDays(1));
        var hours = calendar.HourStarts(start, end);
        var afterAt = after?.At ?? DateTime.MinValue;

        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await using var command = read.Command(Sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("kinds", AllKinds);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        command.Parameters.AddWithValue("hours", hours);
        command.Parameters.AddWithValue("after_at", afterAt < start ? start : afterAt);
        // Fixes of the hour the cursor is in still form that hour's entry, so the hour is read whole.
        command.Parameters.AddWithValue("after_hour", HourOf(hours, afterAt));
        command.Parameters.AddWithValue("after_kind", after?.Kind ?? short.MinValue);
        command.Parameters.AddWithValue("after_identity", after?.Identity ?? "");
        command.Parameters.AddWithValue("limit", query.Limit + 1);

        var entries = new List<TimelineEntry>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(Read(reader, calendar, hours, end));
            }
        }

        string? next = null;
        if (entries.Count > query.Limit)
        {
            entries.RemoveAt(entries.Count - 1);
            var last = entries[^1];
            RecordKindNames.TryParse(last.Kind, out var kind);
            next = new PageCursor(last.At.UtcDateTime, (short)kind, last.Id).Encode();
        }

        return new TimelinePage(calendar.ZoneId, query.From, query.To, entries, next);
    }

    private static DateTime HourOf(DateTime[] hours, DateTime at)
    {
        var index = Array.BinarySearch(hours, at);
        return index >= 0 ? hours[index] : hours[Math.Max(0, ~index - 1)];
    }

    private static TimelineEntry Read(NpgsqlDataReader row, LocalCalendar calendar, DateTime[] hours, DateTime end)
    {
        var at = StoredTime.Required(row, 0);
        var kind = (RecordKind)row.GetInt16(1);
        var fixes = row.IsDBNull(8) ? null : new FixesSummary(
            row.GetInt64(8),
            StoredTime.Required(row, 9),
            new GeoPoint(row.GetInt32(10) / 1e7, row.GetInt32(11) / 1e7),
            StoredTime.Required(row, 12),
            new GeoPoint(row.GetInt32(13) / 1e7, row.GetInt32(14) / 1e7));
        // An hour's entry ends where the next local hour starts; a record ends when it says.
        var endedAt = fixes is null
            ? StoredTime.Of(row, 3)
            : new DateTimeOffset(row.GetInt32(15) < hours.Length ? hours[row.GetInt32(15)] : end, TimeSpan.Zero);
        return new TimelineEntry(
            kind.ToName(),
            row.GetString(2),
            at,
            calendar.ToLocal(at.UtcDateTime),
            endedAt,
            endedAt is { } ended ? calendar.ToLocal(ended.UtcDateTime) : null,
            row.IsDBNull(4) ? null : row.GetString(4),
            row.IsDBNull(5) ? null : row.GetString(5),
            row.IsDBNull(6) ? null : new GeoPoint(row.GetDouble(6), row.GetDouble(7)),
            fixes);
    }
}
