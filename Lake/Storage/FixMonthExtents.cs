using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// The extent of each month of a user's fixes, kept in <c>timeseries.fix_month_extents</c> (migration 0057)
/// so that a map of a year adds up twelve rows instead of scanning a million fixes. A month's row is a
/// cache: the first read computes it, and every merge of fixes into that month empties it and bumps its
/// version (<see cref="InvalidateAsync"/>, last in the merge's transaction, so the row's lock is held
/// only until the commit). A read stores what it computed only when the row's version is still the one it
/// read with: a merge that committed while the read scanned bumped it, and the read's answer, which could
/// not see that merge's fixes, is used once and never kept.
/// </summary>
internal static class FixMonthExtents
{
    // Ascending months in one statement: two merges lock shared months in the same order.
    private const string Invalidate = """
        INSERT INTO timeseries.fix_month_extents AS e (user_id, month, version)
        SELECT $1, m, 1 FROM unnest($2::int[]) AS m ORDER BY m
        ON CONFLICT (user_id, month) DO UPDATE
        SET version = e.version + 1, fixes = NULL, min_lng = NULL, min_lat = NULL, max_lng = NULL, max_lat = NULL, first_at = NULL, last_at = NULL
        """;

    // $2: the months, $3 and $4 their first instant and the next month's (UTC). A month without a computed
    // row is scanned (its partition alone) and stored when no merge bumped its version meanwhile.
    private const string ReadMonths = """
        WITH wanted AS (
            SELECT w.m, w.from_at, w.until_at, e.version, e.fixes, e.min_lng, e.min_lat, e.max_lng, e.max_lat, e.first_at, e.last_at
            FROM unnest($2::int[], $3::timestamptz[], $4::timestamptz[]) AS w(m, from_at, until_at)
            LEFT JOIN timeseries.fix_month_extents e ON e.user_id = $1 AND e.month = w.m),
        computed AS (
            SELECT w.m, coalesce(w.version, 0) AS version, x.*
            FROM wanted w
            CROSS JOIN LATERAL (
                SELECT count(*) AS fixes, min(p.lng_e7) AS min_lng, min(p.lat_e7) AS min_lat, max(p.lng_e7) AS max_lng,
                       max(p.lat_e7) AS max_lat, min(p.time) AS first_at, max(p.time) AS last_at
                FROM timeseries.location_points p
                WHERE p.user_id = $1 AND p.time >= w.from_at AND p.time < w.until_at) x
            WHERE w.fixes IS NULL),
        kept AS (
            INSERT INTO timeseries.fix_month_extents AS e (user_id, month, version, fixes, min_lng, min_lat, max_lng, max_lat, first_at, last_at)
            SELECT $1, m, version, fixes, min_lng, min_lat, max_lng, max_lat, first_at, last_at FROM computed ORDER BY m
            ON CONFLICT (user_id, month) DO UPDATE
            SET fixes = excluded.fixes, min_lng = excluded.min_lng, min_lat = excluded.min_lat, max_lng = excluded.max_lng,
                max_lat = excluded.max_lat, first_at = excluded.first_at, last_at = excluded.last_at
            WHERE e.version = excluded.version)
        SELECT fixes, min_lng, min_lat, max_lng, max_lat, first_at, last_at FROM wanted WHERE fixes IS NOT NULL
        UNION ALL
        SELECT fixes, min_lng, min_lat, max_lng, max_lat, first_at, last_at FROM computed
        """;

    /// <summary>Empties the user's rows of <paramref name="months"/>: a merge stored, or changed, fixes in them.</summary>
    public static async Task InvalidateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, IReadOnlyCollection<int> months, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Invalidate, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = months.ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Calls <paramref name="add"/> with each month's count, box (E7) and first and last time, as the
    /// reader's columns 0 to 6; months without fixes give a count of 0 and nulls.
    /// </summary>
    public static async Task ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, IReadOnlyList<int> months, Action<NpgsqlDataReader> add,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadMonths, connection, transaction) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = months.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = months.Select(MonthStart).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = months.Select(month => MonthStart(month + 1)).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            add(reader);
        }
    }

    /// <summary>The first instant (UTC) of a month given as year × 12 + month − 1.</summary>
    public static DateTime MonthStart(int month) => new(month / 12, (month % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc);
}
