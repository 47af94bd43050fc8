using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Testing;

/// <summary>
/// A user's rows written straight into the Lake's tables, as an import would have stored them, in the
/// user's row-level-security scope: for tests of what reads them (the models) that need more data than
/// an import through the gateway is worth.
/// </summary>
public static class PersonalRows
{
    /// <summary>Stores the fixes, creating the user's month partitions first; 50,000 a statement.</summary>
    public static async Task InsertFixesAsync(NpgsqlDataSource dataSource, string userId, IEnumerable<GeoFix> fixes, CancellationToken cancellationToken)
    {
        foreach (var batch in fixes.Chunk(50_000))
        {
            var months = batch.Select(fix => fix.Time!.Value.UtcDateTime).Select(time => time.Year * 12 + time.Month - 1).Distinct().ToList();
            await new LocationPartitions(dataSource).EnsureAsync(userId, months, cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO timeseries.location_points (user_id, time, lat_e7, lng_e7, accuracy_m, file_id, position)
                SELECT $1, t, lat, lng, 10, 0, ST_SetSRID(ST_MakePoint(lng / 1e7, lat / 1e7), 4326)::geography
                FROM unnest($2::timestamptz[], $3::int[], $4::int[]) AS f(t, lat, lng)
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = userId });
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(fix => fix.Time!.Value.ToUniversalTime()).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(fix => (int)Math.Round(fix.Lat * 1e7)).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(fix => (int)Math.Round(fix.Lng * 1e7)).ToArray() });
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Stores a place visit as an export's Semantic Location History would, with its name.</summary>
    public static async Task InsertVisitAsync(
        NpgsqlDataSource dataSource, string userId, string name, GeoFix place, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO user_data.records (user_id, kind, identity, occurred_at, ended_at, title, position, file_id)
            VALUES ($1, 1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($7, $6), 4326)::geography, 0)
            """, connection, transaction);
        foreach (var value in new object[] { userId, $"visit-{Guid.NewGuid():N}", start.ToUniversalTime(), end.ToUniversalTime(), name, place.Lat, place.Lng })
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Stores Keep notes (kind 12) titled and written as given, one a minute from <paramref name="start"/>.</summary>
    public static async Task InsertNotesAsync(
        NpgsqlDataSource dataSource, string userId, IReadOnlyList<(string Title, string Body)> notes, DateTimeOffset start, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO user_data.records (user_id, kind, identity, occurred_at, title, body, file_id)
            SELECT $1, 12, 'note-' || n, $2::timestamptz + n * interval '1 minute', title, body, 0
            FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS note(title, body, n)
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = userId });
        insert.Parameters.Add(new NpgsqlParameter { Value = start.ToUniversalTime() });
        insert.Parameters.Add(new NpgsqlParameter { Value = notes.Select(note => note.Title).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = notes.Select(note => note.Body).ToArray() });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
