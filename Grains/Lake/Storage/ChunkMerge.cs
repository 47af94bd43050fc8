using System.Globalization;
using Datapunk.Grains.Lake.Pipeline;
using Npgsql;

namespace Datapunk.Grains.Lake.Storage;

/// <summary>
/// Merges one staged chunk into the user's tables in one transaction, under the user's id (RLS):
/// insert-select of the rows not already stored (skipped rows are not counted) and the chunk's row
/// in <c>imports.entry_chunks</c> with what it read and inserted. The entry_chunks primary key
/// makes a chunk count once even if two runs raced; the run fence makes the older run's
/// transaction roll back. (The staging tables are dropped by the caller after the commit.)
///
/// Fixes go in by a plain insert of the rows an anti-join finds missing, which measured twice as
/// fast as ON CONFLICT DO NOTHING (docs/data-model.md); when a concurrent merge of the same user
/// inserted one of them first (unique violation), the chunk is merged again with ON CONFLICT.
/// </summary>
internal static class ChunkMerge
{
    private const string InsertMissingLocations = """
        INSERT INTO timeseries.location_points
            (user_id, time, lat_e7, lng_e7, accuracy_m, altitude_m, velocity_mps, heading, source, file_id, position)
        SELECT $1, s.time, s.lat_e7, s.lng_e7, s.accuracy_m, s.altitude_m, s.velocity_mps, s.heading, s.source, $2,
               ST_SetSRID(ST_MakePoint(s.lng_e7 / 1e7::float8, s.lat_e7 / 1e7::float8), 4326)::geography
        FROM {0} s
        WHERE NOT EXISTS (
              SELECT 1 FROM timeseries.location_points t
              WHERE t.user_id = $1 AND t.time = s.time AND t.lat_e7 = s.lat_e7 AND t.lng_e7 = s.lng_e7
                AND t.time >= $3 AND t.time <= $4)
        """;

    private const string InsertLocationsOnConflict = """
        INSERT INTO timeseries.location_points
            (user_id, time, lat_e7, lng_e7, accuracy_m, altitude_m, velocity_mps, heading, source, file_id, position)
        SELECT $1, time, lat_e7, lng_e7, accuracy_m, altitude_m, velocity_mps, heading, source, $2,
               ST_SetSRID(ST_MakePoint(lng_e7 / 1e7::float8, lat_e7 / 1e7::float8), 4326)::geography
        FROM {0}
        ON CONFLICT DO NOTHING
        """;

    private const string InsertRecords = """
        WITH inserted AS (
            INSERT INTO user_data.records
                (user_id, kind, identity, occurred_at, ended_at, title, body, url, position, source, file_id)
            SELECT $1, kind, identity, occurred_at, ended_at, title, body, url,
                   CASE WHEN lat_e7 IS NULL OR lng_e7 IS NULL THEN NULL
                        ELSE ST_SetSRID(ST_MakePoint(lng_e7 / 1e7::float8, lat_e7 / 1e7::float8), 4326)::geography END,
                   source, $2
            FROM {0}
            ON CONFLICT DO NOTHING
            RETURNING kind)
        SELECT kind, count(*) FROM inserted GROUP BY kind
        """;

    private const string RecordChunk = """
        INSERT INTO imports.entry_chunks (file_id, chunk_no, import_id, user_id, read, inserted)
        VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)
        """;

    /// <summary>Merges the chunk staged in <paramref name="staged"/>; returns what it inserted by kind.</summary>
    public static async Task<KindCounts> MergeAsync(NpgsqlConnection connection, StagedTables staged, StagedChunk chunk, CancellationToken cancellationToken)
    {
        var entry = chunk.Entry;
        var run = entry.Run;
        await using var transaction = await UserDataScope.BeginAsync(connection, run.UserId, cancellationToken);
        await ImportRunFence.CheckAsync(connection, transaction, run.ImportId, run.RunNo, cancellationToken);

        // A staged chunk is large enough for the planner to JIT-compile every merge: measured 2.4 s of
        // compiling per million fixes, more than the inserts' index maintenance (docs/data-model.md).
        await using (var noJit = new NpgsqlCommand("SELECT set_config('jit', 'off', true)", connection, transaction))
        {
            await noJit.ExecuteNonQueryAsync(cancellationToken);
        }

        var inserted = new KindCounts();
        if (staged.Locations is { } locations)
        {
            inserted.Add(RecordKind.LocationPoint, await InsertLocationsAsync(connection, transaction, locations, chunk, cancellationToken));
        }

        if (staged.Records is { } stagedRecords)
        {
            await using var records = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, InsertRecords, stagedRecords), connection, transaction);
            records.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
            records.Parameters.Add(new NpgsqlParameter { Value = entry.FileId });
            await using var reader = await records.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add((RecordKind)reader.GetInt16(0), reader.GetInt64(1));
            }
        }

        await using (var record = new NpgsqlCommand(RecordChunk, connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = entry.FileId });
            record.Parameters.Add(new NpgsqlParameter { Value = chunk.ChunkNo });
            record.Parameters.Add(new NpgsqlParameter { Value = run.ImportId });
            record.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
            record.Parameters.Add(new NpgsqlParameter { Value = chunk.Read.ToJson() });
            record.Parameters.Add(new NpgsqlParameter { Value = inserted.ToJson() });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    private static async Task<int> InsertLocationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string staged, StagedChunk chunk, CancellationToken cancellationToken)
    {
        var run = chunk.Entry.Run;
        await transaction.SaveAsync("missing_only", cancellationToken);
        try
        {
            // Freshly loaded partitions have no statistics yet; left alone, the planner would probe
            // them with a nested loop over sequential scans. A hash anti-join over the user's index
            // range is right whatever the statistics say (these settings end with the transaction).
            await using (var plan = new NpgsqlCommand(
                "SELECT set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('enable_seqscan', 'off', true)",
                connection, transaction))
            {
                await plan.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var missing = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, InsertMissingLocations, staged), connection, transaction);
            missing.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
            missing.Parameters.Add(new NpgsqlParameter { Value = chunk.Entry.FileId });
            missing.Parameters.Add(new NpgsqlParameter { Value = chunk.FirstFix });
            missing.Parameters.Add(new NpgsqlParameter { Value = chunk.LastFix });
            return await missing.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync("missing_only", cancellationToken);
        }

        await using var onConflict = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, InsertLocationsOnConflict, staged), connection, transaction);
        onConflict.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
        onConflict.Parameters.Add(new NpgsqlParameter { Value = chunk.Entry.FileId });
        return await onConflict.ExecuteNonQueryAsync(cancellationToken);
    }
}
