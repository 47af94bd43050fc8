using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace Datapunk.Cortex.Places;

/// <summary>
/// Loads the set-up's gazetteer file into <c>analytics.gazetteer</c> when the database does not hold that
/// file yet (by its SHA-256), in one transaction under an advisory lock: silos starting together load
/// it once, and readers see the old places or the new ones, never half. COPY into a temporary table,
/// then one INSERT that builds the positions. The silos' login owns no table (docs/security.md), so it
/// replaces the rows with DELETE and INSERT, the index kept up as they go, rather than TRUNCATE and a rebuilt index.
/// </summary>
public sealed class GazetteerLoader(NpgsqlDataSource dataSource)
{
    private const long LockKey = 0x0DA7_A9C0_0020;

    public async Task<GazetteerLoad> LoadAsync(string file, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        byte[] hash;
        await using (var stream = File.OpenRead(file))
        {
            hash = await SHA256.HashDataAsync(stream, cancellationToken);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await using (var loaded = new NpgsqlCommand(
            "SELECT places FROM analytics.gazetteer_loads WHERE content_hash = $1 AND EXISTS (SELECT 1 FROM analytics.gazetteer)", connection, transaction))
        {
            loaded.Parameters.Add(new NpgsqlParameter { Value = hash });
            if (await loaded.ExecuteScalarAsync(cancellationToken) is int places)
            {
                return new GazetteerLoad(false, places, watch.Elapsed);
            }
        }

        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE gazetteer_file (
                place_id integer, name text, ascii_name text, country text, admin_code text, feature_code text,
                population integer, zone text, lat double precision, lng double precision) ON COMMIT DROP;
            """, cancellationToken);
        using (var reader = new StreamReader(file))
        await using (var writer = await connection.BeginTextImportAsync("COPY gazetteer_file FROM STDIN", cancellationToken))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        await ExecuteAsync(connection, transaction, """
            DELETE FROM analytics.gazetteer;
            INSERT INTO analytics.gazetteer (place_id, name, ascii_name, country, admin_code, feature_code, population, zone, position)
            SELECT DISTINCT ON (place_id) place_id, name, coalesce(ascii_name, name), country, admin_code, feature_code, coalesce(population, 0), zone,
                   ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography
            FROM gazetteer_file
            WHERE place_id IS NOT NULL AND lat BETWEEN -90 AND 90 AND lng BETWEEN -180 AND 180
            ORDER BY place_id;
            """, cancellationToken);
        int count;
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO analytics.gazetteer_loads (content_hash, places, load_ms) SELECT $1, count(*), $2 FROM analytics.gazetteer RETURNING places",
            connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = hash });
            insert.Parameters.Add(new NpgsqlParameter { Value = (int)watch.ElapsedMilliseconds });
            count = (int)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);
        return new GazetteerLoad(true, count, watch.Elapsed);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
