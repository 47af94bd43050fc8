using Datapunk.Lake.Catalog;
using Datapunk.Lake.Reading;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Deletion;

/// <summary>
/// Deleting an import, or one source file of it, and what was stored from it (docs/catalog.md, "Deleting an
/// export"). A record or fix is stored once, with the first file it arrived in (a fix with the richer copy's);
/// its copies in other files are known only as counts per pair of files (<c>imports.file_matches</c>) and as
/// files skipped because their content was imported before. So the rows of the deleted files go, and the other
/// files that held some of them (<see cref="DeletionOverlap"/>) are read again from their kept originals, which
/// stores exactly their copies again (de-duplication makes the re-read harmless for everything else). The
/// caller starts that re-read (an import like any other) between <see cref="DeleteAsync"/> and
/// <see cref="FinishAsync"/>; until <see cref="FinishAsync"/> the matches that find those files stay, so a
/// deletion that stopped half-way is found again and finished by running it again.
/// </summary>
public sealed class ImportDeletions(NpgsqlDataSource dataSource)
{
    private const int TimeoutSeconds = 300;

    private const string Job = """
        SELECT j.status, (SELECT c.provider || ' ' || c.account FROM user_data.connections c WHERE c.import_id = j.import_id LIMIT 1)
        FROM imports.jobs j WHERE j.user_id = @user AND j.import_id = @import
        """;

    private const string Files = """
        SELECT file_id, path, format_id FROM imports.files
        WHERE user_id = @user AND import_id = @import AND (@file::bigint IS NULL OR file_id = @file) ORDER BY file_id
        """;

    private const string Rows = """
        SELECT file_id, 'location_points', count(*), min(time), max(time) FROM timeseries.location_points
        WHERE user_id = @user AND file_id = ANY(@files) GROUP BY file_id
        UNION ALL
        SELECT r.file_id, k.name, count(*), min(r.occurred_at), max(r.occurred_at) FROM user_data.records r JOIN user_data.record_kinds k ON k.kind = r.kind
        WHERE r.user_id = @user AND r.file_id = ANY(@files) GROUP BY r.file_id, k.name
        """;

    private const string EmbeddingsOf = """
        SELECT count(*) FROM vectors.record_embeddings e JOIN user_data.records r ON r.user_id = e.user_id AND r.kind = e.kind AND r.identity = e.identity
        WHERE e.user_id = @user AND r.file_id = ANY(@files)
        """;

    // Files holding records of the deleted ones: those whose records matched theirs; those whose records theirs
    // matched when theirs are fixes (a richer copy takes over the stored fix and its provenance); and entries
    // skipped as unchanged because a deleted file had the same content.
    private const string Overlapping = """
        WITH other AS (
            SELECT m.file_id AS file_id, m.records FROM imports.file_matches m WHERE m.user_id = @user AND m.matched_file_id = ANY(@files)
            UNION ALL
            SELECT m.matched_file_id, m.records FROM imports.file_matches m WHERE m.user_id = @user AND m.file_id = ANY(@fix_files)
            UNION ALL
            SELECT u.file_id, coalesce((u.counts->>'duplicates')::bigint, 0) FROM imports.files u
            JOIN imports.files d ON d.user_id = u.user_id AND d.content_hash = u.content_hash
            WHERE u.user_id = @user AND u.status = 'unchanged' AND d.file_id = ANY(@files) AND d.status = 'imported' AND d.deleted_at IS NULL)
        SELECT o.file_id, sum(o.records)::bigint, f.import_id, f.path, j.status,
               EXISTS (SELECT 1 FROM user_data.connections c WHERE c.import_id = f.import_id),
               ARRAY(SELECT u.upload_id FROM imports.uploads u WHERE u.user_id = @user AND u.import_id = f.import_id
                     AND u.completed_at IS NOT NULL AND u.expires_at IS NULL ORDER BY u.created_at, u.upload_id)
        FROM other o JOIN imports.files f ON f.user_id = @user AND f.file_id = o.file_id JOIN imports.jobs j ON j.import_id = f.import_id
        WHERE o.file_id <> ALL(@files) AND f.deleted_at IS NULL
        GROUP BY o.file_id, f.import_id, f.path, j.status ORDER BY o.file_id
        """;

    private const string KeptUploads = """
        SELECT upload_id FROM imports.uploads WHERE user_id = @user AND import_id = @import AND completed_at IS NOT NULL AND expires_at IS NULL
        ORDER BY created_at, upload_id
        """;

    private const string DeleteEmbeddings = """
        DELETE FROM vectors.record_embeddings e USING user_data.records r
        WHERE r.user_id = @user AND r.file_id = ANY(@files) AND e.user_id = r.user_id AND e.kind = r.kind AND e.identity = r.identity
        """;

    private const string DeleteRecords = """
        WITH gone AS (DELETE FROM user_data.records WHERE user_id = @user AND file_id = ANY(@files) RETURNING kind)
        SELECT k.name, count(*) FROM gone JOIN user_data.record_kinds k ON k.kind = gone.kind GROUP BY k.name
        """;

    private const string DeleteFixes = """
        WITH gone AS (DELETE FROM timeseries.location_points WHERE user_id = @user AND file_id = ANY(@files) RETURNING time AT TIME ZONE 'UTC' AS utc)
        SELECT (extract(year FROM utc) * 12 + extract(month FROM utc) - 1)::int, count(*) FROM gone GROUP BY 1
        """;

    // The ledger would skip the deleted content as unchanged when it is imported again, and the overlapping files'
    // content when they are read again: both must be parsed.
    private const string DeleteLedger = """
        DELETE FROM imports.entry_ledger l WHERE l.user_id = @user
        AND (l.first_file_id = ANY(@files)
             OR l.content_hash IN (SELECT f.content_hash FROM imports.files f WHERE f.user_id = @user AND f.file_id = ANY(@reread) AND f.content_hash IS NOT NULL))
        """;

    private const string Forget = """
        DELETE FROM imports.file_matches WHERE user_id = @user AND (file_id = ANY(@files) OR matched_file_id = ANY(@files));
        UPDATE imports.files SET deleted_at = coalesce(deleted_at, now()) WHERE user_id = @user AND file_id = ANY(@files);
        """;

    /// <summary>
    /// What deleting import <paramref name="importId"/> (or only its file <paramref name="fileId"/>) would remove
    /// and leave; null when the user has no such import or file. Changes nothing.
    /// </summary>
    /// <exception cref="ImportDeletionRefusedException">The import is a connection's polls or a live source's batches.</exception>
    public async Task<ImportDeletion?> PreviewAsync(string userId, Guid importId, long? fileId, CancellationToken cancellationToken)
    {
        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, TimeoutSeconds, cancellationToken);
        await using (var command = Command(read, Job, userId, importId, fileId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            if (!reader.IsDBNull(1) || reader.GetString(0) == "live")
            {
                throw new ImportDeletionRefusedException(reader.IsDBNull(1)
                    ? $"Import {importId} holds a phone's live fixes, which keep arriving: revoke its ingest token first; live batches cannot be deleted one by one."
                    : $"Import {importId} holds what the connection {reader.GetString(1)} polled: disconnect it instead; polled pages cannot be deleted one by one.");
            }
        }

        var files = new List<(long Id, string Path, string? Format)>();
        await using (var command = Command(read, Files, userId, importId, fileId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                files.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        if (fileId is not null && files.Count == 0)
        {
            return null;
        }

        var ids = files.Select(file => file.Id).ToArray();
        var rowsByFile = new Dictionary<long, long>();
        var records = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var fixFiles = new List<long>();
        var (from, to) = (DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
        await using (var command = FilesCommand(read, Rows, userId, ids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (file, kind, rows) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2));
                rowsByFile[file] = rowsByFile.GetValueOrDefault(file) + rows;
                records[kind] = records.GetValueOrDefault(kind) + rows;
                if (kind == RecordKind.LocationPoint.ToName())
                {
                    fixFiles.Add(file);
                }

                if (!reader.IsDBNull(3))
                {
                    from = reader.GetFieldValue<DateTimeOffset>(3) < from ? reader.GetFieldValue<DateTimeOffset>(3) : from;
                    to = reader.GetFieldValue<DateTimeOffset>(4) > to ? reader.GetFieldValue<DateTimeOffset>(4) : to;
                }
            }
        }

        long embeddings;
        await using (var command = FilesCommand(read, EmbeddingsOf, userId, ids))
        {
            embeddings = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var overlapping = await OverlappingAsync(read, userId, importId, ids, [.. fixFiles], cancellationToken);
        var kept = new List<Guid>();
        await using (var command = Command(read, KeptUploads, userId, importId, fileId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                kept.Add(reader.GetGuid(0));
            }
        }

        var models = from <= to ? await ModelsTrainedOn.SpanAsync(read, userId, from, to, cancellationToken) : [];
        return new ImportDeletion(importId, fileId, false,
            [.. files.Select(file => new DeletedFile(file.Id, file.Path, file.Format, rowsByFile.GetValueOrDefault(file.Id)))],
            records, embeddings, overlapping, kept, models, null, false);
    }

    /// <summary>
    /// Deletes, in one transaction, the rows stored from the files of <paramref name="preview"/> and their
    /// embeddings, forgets the ledger rows that would skip their content or the re-readable overlapping files'
    /// content, and empties the map's kept extents of the months touched. Returns what it removed. When nothing
    /// is to be read again it also finishes the deletion (<see cref="FinishAsync"/>) in the same transaction.
    /// Live fixes of the user wait for it (the user's fix writer lock); the caller keeps imports from starting.
    /// </summary>
    public async Task<ImportDeletion> DeleteAsync(string userId, ImportDeletion preview, CancellationToken cancellationToken)
    {
        var ids = preview.Files.Select(file => file.FileId).ToArray();
        var reread = preview.Overlapping.Where(file => file.Rereadable).Select(file => file.FileId).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await FixWriterLock.ExclusiveAsync(connection, transaction, userId, cancellationToken);
        long embeddings;
        await using (var command = FilesCommand(connection, transaction, DeleteEmbeddings, userId, ids))
        {
            embeddings = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var records = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using (var command = FilesCommand(connection, transaction, DeleteRecords, userId, ids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                records[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var months = new List<int>();
        await using (var command = FilesCommand(connection, transaction, DeleteFixes, userId, ids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                months.Add(reader.GetInt32(0));
                records[RecordKind.LocationPoint.ToName()] = records.GetValueOrDefault(RecordKind.LocationPoint.ToName()) + reader.GetInt64(1);
            }
        }

        if (months.Count > 0)
        {
            months.Sort();
            await FixMonthExtents.InvalidateAsync(connection, transaction, userId, months, cancellationToken);
        }

        await using (var command = FilesCommand(connection, transaction, DeleteLedger, userId, ids))
        {
            command.Parameters.AddWithValue("reread", reread);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (reread.Length == 0)
        {
            await ForgetAsync(connection, transaction, userId, ids, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return preview with { Deleted = true, Records = records, Embeddings = embeddings };
    }

    /// <summary>
    /// Ends a deletion whose overlapping files are being read again: forgets the deleted files' matches and
    /// marks them deleted, so that running the deletion again finds nothing more to do.
    /// </summary>
    public async Task FinishAsync(string userId, IReadOnlyList<long> fileIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await ForgetAsync(connection, transaction, userId, [.. fileIds], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ForgetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, long[] ids, CancellationToken cancellationToken)
    {
        await using var command = FilesCommand(connection, transaction, Forget, userId, ids);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<DeletionOverlap>> OverlappingAsync(
        ReadTransaction read, string userId, Guid importId, long[] ids, long[] fixFiles, CancellationToken cancellationToken)
    {
        var overlapping = new List<DeletionOverlap>();
        await using var command = FilesCommand(read, Overlapping, userId, ids);
        command.Parameters.AddWithValue("fix_files", fixFiles);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (fileId, shared, import, path) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetString(3));
            var (status, polled, originals) = (reader.GetString(4), reader.GetBoolean(5), reader.GetFieldValue<Guid[]>(6));
            var reason = import == importId ? "it is in the same export as the deleted file, and reading that export again would restore the deleted file too"
                : polled || status == "live" ? "it came from a connection's poll or a live batch, which are not kept as received"
                : originals.Length == 0 ? $"its import {import} did not keep its original (import with keepOriginals to keep one)"
                : null;
            overlapping.Add(new DeletionOverlap(fileId, import, path, shared, reason is null, reason, reason is null ? originals : []));
        }

        return overlapping;
    }

    private static NpgsqlCommand Command(ReadTransaction read, string sql, string userId, Guid importId, long? fileId)
    {
        var command = read.Command(sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("import", importId);
        command.Parameters.Add(new NpgsqlParameter<long?>("file", NpgsqlTypes.NpgsqlDbType.Bigint) { TypedValue = fileId });
        return command;
    }

    private static NpgsqlCommand FilesCommand(ReadTransaction read, string sql, string userId, long[] ids) =>
        WithFiles(read.Command(sql), userId, ids);

    private static NpgsqlCommand FilesCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string userId, long[] ids) =>
        WithFiles(new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = TimeoutSeconds }, userId, ids);

    private static NpgsqlCommand WithFiles(NpgsqlCommand command, string userId, long[] ids)
    {
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("files", ids);
        return command;
    }
}
