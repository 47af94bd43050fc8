using Datapunk.Lake.Model;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Merges one chunk into the user's tables in one transaction, under the user's id (RLS): its
/// records are staged and inserted unless stored already (exported Spotify plays also replace the
/// polled copies of the same plays, <see cref="ExportedPlayMerge"/>), its fixes stored by
/// <see cref="LocationMerge"/>, and the chunk's row in <c>imports.entry_chunks</c> records what it
/// read and inserted. Skipped rows are not counted. The entry_chunks primary key makes a chunk
/// count once even if two runs raced; the run fence makes the older run's transaction roll back.
/// </summary>
internal static class ChunkMerge
{
    private const string InsertRecords = $"""
        WITH inserted AS (
            INSERT INTO user_data.records
                (user_id, kind, identity, occurred_at, ended_at, title, body, url, position, source, file_id)
            SELECT $1, kind, identity, occurred_at, ended_at, title, body, url,
                   CASE WHEN lat_e7 IS NULL OR lng_e7 IS NULL THEN NULL
                        ELSE ST_SetSRID(ST_MakePoint(lng_e7 / 1e7::float8, lat_e7 / 1e7::float8), 4326)::geography END,
                   source, $2
            FROM {StagingWriter.StagedRecords}
            ON CONFLICT DO NOTHING
            RETURNING kind)
        SELECT kind, count(*) FROM inserted GROUP BY kind
        """;

    // Records not inserted because another file stored them first, by that file's format; the rest
    // of those not inserted repeated a record of this same file.
    private const string CountRecordMatchesByFormat = $"""
        SELECT r.file_id, f.format_id, f.variant, count(*)
        FROM {StagingWriter.StagedRecords} s
        JOIN user_data.records r ON r.user_id = $1 AND r.kind = s.kind AND r.identity = s.identity AND r.file_id <> $2
        LEFT JOIN imports.files f ON f.file_id = r.file_id
        GROUP BY 1, 2, 3
        """;

    private const string RecordChunk = """
        INSERT INTO imports.entry_chunks (file_id, chunk_no, import_id, user_id, read, inserted, matched)
        VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb)
        """;

    // jit: a chunk is large enough for the planner to JIT-compile every merge, which measured 2.4 s
    // of compiling per million fixes, more than the inserts' index maintenance (docs/data-model.md).
    // synchronous_commit: a merge's commit waited 50 ms on average for its 15 MB of WAL to reach the
    // disk. Not waiting loses nothing: a merge lost in a server crash lost its entry_chunks row with
    // it, so the resumed import merges that chunk again, and every later synchronous commit (the
    // entry's status, the job's state) flushes the WAL of the merges before it.
    private const string MergeSettings = "SELECT set_config('jit', 'off', true), set_config('synchronous_commit', 'off', true)";

    /// <summary>
    /// Merges <paramref name="chunk"/>; returns what it inserted by kind. <paramref name="copyFixesDirectly"/>
    /// says whether fixes may be copied straight into their table (<see cref="RowSecurityBypass"/>).
    /// </summary>
    public static async Task<KindCounts> MergeAsync(NpgsqlConnection connection, StagedChunk chunk, bool copyFixesDirectly, CancellationToken cancellationToken)
    {
        var run = chunk.Entry.Run;
        await using var transaction = await UserDataScope.BeginAsync(connection, run.UserId, cancellationToken);
        await ImportRunFence.CheckAsync(connection, transaction, run.ImportId, run.RunNo, cancellationToken);
        await FixWriterLock.SharedAsync(connection, transaction, run.UserId, cancellationToken);
        await SqlStatements.ExecuteAsync(connection, transaction, MergeSettings, cancellationToken);
        var (inserted, _) = await MergeInAsync(connection, transaction, chunk, copyFixesDirectly, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>
    /// The merge itself, inside <paramref name="transaction"/> (the user's <see cref="UserDataScope"/>), which
    /// the caller commits: live fixes (<see cref="Live.LiveFixStore"/>) are merged this way in their batch's own
    /// transaction. Returns what it inserted by kind and what matched stored records by rule.
    /// </summary>
    public static async Task<(KindCounts Inserted, MatchCounts Matched)> MergeInAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StagedChunk chunk, bool copyFixesDirectly, CancellationToken cancellationToken)
    {
        var entry = chunk.Entry;
        var run = entry.Run;
        chunk.DropRepeatedFixes();
        var inserted = new KindCounts();
        var matched = new MatchesByFile(chunk);
        if (chunk.Records.Count > 0)
        {
            await StagingWriter.StageRecordsAsync(connection, transaction, chunk, cancellationToken);
            await SameSpanElsewhere.RenameAsync(connection, transaction, chunk, cancellationToken);
            var replacedPolled = await ExportedPlayMerge.ReplacePolledAsync(connection, transaction, chunk, matched, cancellationToken);
            await using var records = new NpgsqlCommand(InsertRecords, connection, transaction);
            records.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
            records.Parameters.Add(new NpgsqlParameter { Value = entry.FileId });
            await using (var reader = await records.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    inserted.Add((RecordKind)reader.GetInt16(0), reader.GetInt64(1));
                }
            }

            var repeated = chunk.Records.Count - inserted.Total - replacedPolled;
            if (repeated > 0)
            {
                repeated -= await CountRecordMatchesAsync(connection, transaction, chunk, matched, cancellationToken);
                matched.AddRepeats(repeated);
            }
        }

        if (chunk.LocationCount > 0)
        {
            inserted.Add(RecordKind.LocationPoint, await LocationMerge.MergeAsync(connection, transaction, chunk, copyFixesDirectly, matched, cancellationToken));
        }

        await using (var record = new NpgsqlCommand(RecordChunk, connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = entry.FileId });
            record.Parameters.Add(new NpgsqlParameter { Value = chunk.ChunkNo });
            record.Parameters.Add(new NpgsqlParameter { Value = run.ImportId });
            record.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
            record.Parameters.Add(new NpgsqlParameter { Value = chunk.Read.ToJson() });
            record.Parameters.Add(new NpgsqlParameter { Value = inserted.ToJson() });
            record.Parameters.Add(new NpgsqlParameter { Value = matched.Counts.ToJson() });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await matched.RecordLineageAsync(connection, transaction, cancellationToken);
        if (chunk.LocationCount > 0)
        {
            // Last before the commit: the months' rows stay locked until then, and other merges of those months wait that long at most.
            await FixMonthExtents.InvalidateAsync(connection, transaction, run.UserId, chunk.Months, cancellationToken);
        }

        return (inserted, matched.Counts);
    }

    /// <summary>Adds the chunk's records that other files stored first to <paramref name="matched"/> by rule; returns how many.</summary>
    private static async Task<long> CountRecordMatchesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StagedChunk chunk, MatchesByFile matched, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CountRecordMatchesByFormat, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Entry.Run.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Entry.FileId });
        return await matched.AddAsync(command, cancellationToken);
    }
}
