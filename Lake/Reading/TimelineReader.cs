using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// A user's local days: every record that has a time (of the kinds and sources asked for), in time order (then kind, then identity),
/// with the location fixes of each local hour summarised as one entry (count, first and last fix)
/// at the hour's start, a page at a time. A day is the day on the clock where the user was
/// (<see cref="LocalClock"/>; a record's own exported offset first), and entries with a position
/// carry the nearest town (<see cref="IPlaceNamer"/>).
/// </summary>
public sealed class TimelineReader(NpgsqlDataSource dataSource, ILocalZoneSpans zoneSpans, IPlaceNamer placeNamer)
{
    // Each record and fix is joined to the file (import, poll, live batch) that stored it, for its format; one without a file
    // is shown only when no source is asked for.
    private static readonly string Records = $"""
        SELECT r.occurred_at AS at, r.kind, r.identity, r.ended_at, r.title, r.url,
               ST_Y(r.position::geometry) AS lat, ST_X(r.position::geometry) AS lng,
               NULL::bigint AS fixes, NULL::timestamptz AS first_at, NULL::integer AS first_lat, NULL::integer AS first_lng,
               NULL::timestamptz AS last_at, NULL::integer AS last_lat, NULL::integer AS last_lng, o.local_offset, rf.format_id AS source,
               {SourceRemovals.Columns("r")}
        FROM user_data.records r
        LEFT JOIN imports.files rf ON rf.file_id = r.file_id
        CROSS JOIN LATERAL (SELECT {LocalClockSql.RecordOffset} AS local_offset) o
        WHERE r.user_id = @user AND r.kind = ANY(@kinds) AND r.occurred_at >= @start AND r.occurred_at < @end
          AND {Shown("rf")}
          AND r.occurred_at >= @after_at
          AND {LocalClockSql.LocalTime("r.occurred_at", "o.local_offset")}::date BETWEEN @first_date AND @last_date
        """;

    private static readonly string FixHours = $"""
        SELECT h.hour_start, 0::smallint, to_char(h.hour_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'), NULL, NULL, NULL,
               NULL, NULL, h.fixes, h.first_at, h.first_lat, h.first_lng, h.last_at, h.last_lat, h.last_lng, h.local_offset, h.source,
               NULL::timestamptz, NULL::text
        FROM (
            SELECT f.hour_start, count(*) AS fixes, min(f.time) AS first_at, max(f.time) AS last_at,
                   (array_agg(f.lat_e7 ORDER BY f.time))[1] AS first_lat, (array_agg(f.lng_e7 ORDER BY f.time))[1] AS first_lng,
                   (array_agg(f.lat_e7 ORDER BY f.time DESC))[1] AS last_lat, (array_agg(f.lng_e7 ORDER BY f.time DESC))[1] AS last_lng,
                   (array_agg(f.local_offset ORDER BY f.time))[1] AS local_offset, (array_agg(f.source ORDER BY f.time))[1] AS source
            FROM (
                -- The instant at which the local clock showed the fix's whole hour: an hour a
                -- daylight-saving change repeats is two entries, one per offset.
                SELECT p.time, p.lat_e7, p.lng_e7, o.local_offset, pf.format_id AS source,
                       (date_trunc('hour', {LocalClockSql.LocalTime("p.time", "o.local_offset")}) - make_interval(secs => o.local_offset)) AT TIME ZONE 'UTC' AS hour_start
                FROM timeseries.location_points p
                LEFT JOIN imports.files pf ON pf.file_id = p.file_id
                CROSS JOIN LATERAL (SELECT {LocalClockSql.OffsetAt("p.time")} AS local_offset) o
                -- An hour starting at or after the cursor holds only fixes at or after it, so it is read whole.
                WHERE p.user_id = @user AND p.time >= @start AND p.time < @end AND p.time >= @after_at
                  AND {Shown("pf")}
            ) f
            GROUP BY f.hour_start
        ) h
        WHERE {LocalClockSql.LocalTime("h.hour_start", "h.local_offset")}::date BETWEEN @first_date AND @last_date
        """;

    // Without fixes asked for, the statement has no fixes part at all: gated by a parameter (@fixes AND …), a false
    // one made the planner skip partition pruning and consider every leaf of the fixes (a month per user): 5 s
    // of planning at 14,000 leaves in the shared test database, where the pruned plan takes 9 ms.
    private static readonly string WithFixes = Page($"{Records}\nUNION ALL\n{FixHours}");

    private static readonly string RecordsOnly = Page(Records);

    private static string Page(string entries) => $"""
        SELECT at, kind, identity, ended_at, title, url, lat, lng, fixes, first_at, first_lat, first_lng, last_at, last_lat, last_lng, local_offset, source,
               removed_at_source, removed_reason
        FROM (
        {entries}
        ) entries
        WHERE (at, kind, identity) > (@after_at, @after_kind, @after_identity)
        ORDER BY at, kind, identity
        LIMIT @limit
        """;

    /// <summary>SQL that holds when the file joined as <paramref name="file"/> is one of the query's sources, or no source is asked for.</summary>
    private static string Shown(string file) =>
        $"(cardinality(@sources::text[]) = 0 OR {RecordSources.Matches($"{file}.format_id", "@sources::text[]")})";

    public async Task<TimelinePage> ReadAsync(string userId, TimelineQuery query, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var (calendar, after, kinds) = TimelineQueries.Parse(query, errors);
        errors.ThrowIfAny();

        var (start, end) = LocalClock.Window(query.From, query.To);
        var clock = LocalClock.Build(calendar!, start, end, await zoneSpans.ReadAsync(userId, start, end, cancellationToken));
        var afterAt = after?.At ?? DateTime.MinValue;

        var entries = new List<TimelineEntry>(query.Limit + 1);
        await using (var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken))
        {
            await using var command = read.Command(kinds.Fixes ? WithFixes : RecordsOnly);
            command.Parameters.AddWithValue("user", userId);
            command.Parameters.AddWithValue("kinds", kinds.Records);
            command.Parameters.AddWithValue("sources", (query.Sources ?? []).ToArray());
            command.Parameters.AddWithValue("start", start);
            command.Parameters.AddWithValue("end", end);
            command.Parameters.AddWithValue("first_date", query.From);
            command.Parameters.AddWithValue("last_date", query.To);
            LocalClockSql.AddParameters(command, clock);
            command.Parameters.AddWithValue("after_at", afterAt < start ? start : afterAt);
            command.Parameters.AddWithValue("after_kind", after?.Kind ?? short.MinValue);
            command.Parameters.AddWithValue("after_identity", after?.Identity ?? "");
            command.Parameters.AddWithValue("limit", query.Limit + 1);

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(Read(reader, clock));
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

        return new TimelinePage(calendar!.ZoneId, query.From, query.To, await NameAsync(entries, cancellationToken), next);
    }

    private static TimelineEntry Read(NpgsqlDataReader row, LocalClock clock)
    {
        var at = StoredTime.Required(row, 0);
        var kind = (RecordKind)row.GetInt16(1);
        var offset = TimeSpan.FromSeconds(row.GetInt32(15));
        var fixes = row.IsDBNull(8) ? null : new FixesSummary(
            row.GetInt64(8),
            StoredTime.Required(row, 9),
            new GeoPoint(row.GetInt32(10) / 1e7, row.GetInt32(11) / 1e7),
            StoredTime.Required(row, 12),
            new GeoPoint(row.GetInt32(13) / 1e7, row.GetInt32(14) / 1e7));
        // An hour's entry ends when the local clock shows the next hour; a record ends when it says.
        var endedAt = fixes is null ? StoredTime.Of(row, 3) : at.AddHours(1);
        return new TimelineEntry(
            kind.ToName(),
            row.GetString(2),
            at,
            LocalClock.ToLocal(at.UtcDateTime, offset),
            endedAt,
            endedAt is { } ended ? (fixes is null ? clock.ToLocal(ended.UtcDateTime) : LocalClock.ToLocal(ended.UtcDateTime, offset)) : null,
            row.IsDBNull(4) ? null : row.GetString(4),
            row.IsDBNull(5) ? null : row.GetString(5),
            row.IsDBNull(6) ? null : new GeoPoint(row.GetDouble(6), row.GetDouble(7)),
            fixes,
            Source: row.IsDBNull(16) ? null : row.GetString(16),
            RemovedAtSource: SourceRemovals.Read(row, 17));
    }

    /// <summary>The nearest town to each entry's position (an hour of fixes: its last), in one batch.</summary>
    private async Task<IReadOnlyList<TimelineEntry>> NameAsync(List<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        var located = entries.Select((entry, index) => (Index: index, Point: entry.Position ?? entry.Fixes?.Last)).Where(pair => pair.Point is not null).ToList();
        if (located.Count == 0)
        {
            return entries;
        }

        var names = await placeNamer.NameAsync([.. located.Select(pair => pair.Point!)], cancellationToken);
        for (var i = 0; i < located.Count; i++)
        {
            entries[located[i].Index] = entries[located[i].Index] with { Near = names[i] };
        }

        return entries;
    }
}
