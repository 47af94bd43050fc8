using System.Text.Json.Nodes;
using Datapunk.Lake.Model;
using Npgsql;
using NpgsqlTypes;

namespace Datapunk.Lake.Storage;

/// <summary>
/// An import's rows in <c>imports.files</c> (the per-entry report and the provenance of every
/// record), <c>imports.entry_ledger</c> and <c>imports.unknown_fields</c>. Every write runs under
/// the user's id and the run fence.
/// </summary>
internal sealed class ImportFiles(NpgsqlDataSource dataSource)
{
    private const string UpsertOutcome = """
        INSERT INTO imports.files (import_id, entry_key, user_id, source, path, format_id, variant, status, content_hash, bytes, counts, error, finished_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, now())
        ON CONFLICT (import_id, entry_key) DO UPDATE SET
            format_id = excluded.format_id, variant = excluded.variant, status = excluded.status,
            content_hash = excluded.content_hash, bytes = excluded.bytes, counts = excluded.counts,
            error = excluded.error, finished_at = excluded.finished_at
        """;

    /// <summary>Reads which entries earlier runs of this import finished, and the merged chunks of the one they left unfinished.</summary>
    public async Task<ResumePoint> LoadResumePointAsync(ImportRunContext run, CancellationToken cancellationToken)
    {
        var finished = new Dictionary<string, FinishedEntry>(StringComparer.Ordinal);
        var unfinished = new Dictionary<string, (long FileId, HashSet<int> Chunks)>(StringComparer.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, run.UserId, cancellationToken);
        await using (var files = new NpgsqlCommand(
            "SELECT entry_key, status, coalesce(bytes, 0), file_id FROM imports.files WHERE import_id = $1", connection, transaction))
        {
            files.Parameters.Add(new NpgsqlParameter { Value = run.ImportId });
            await using var reader = await files.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var status = EntryStatuses.Parse(reader.GetString(1));
                if (status == EntryStatus.Importing)
                {
                    unfinished[reader.GetString(0)] = (reader.GetInt64(3), []);
                }
                else
                {
                    finished[reader.GetString(0)] = new FinishedEntry(status, reader.GetInt64(2));
                }
            }
        }

        if (unfinished.Count > 0)
        {
            var byFileId = unfinished.Values.ToDictionary(entry => entry.FileId, entry => entry.Chunks);
            await using var chunks = new NpgsqlCommand(
                "SELECT file_id, chunk_no FROM imports.entry_chunks WHERE file_id = ANY($1)", connection, transaction);
            chunks.Parameters.Add(new NpgsqlParameter { Value = byFileId.Keys.ToArray() });
            await using var reader = await chunks.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                byFileId[reader.GetInt64(0)].Add(reader.GetInt32(1));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ResumePoint(
            finished,
            unfinished.ToDictionary(pair => pair.Key, pair => new UnfinishedEntry(pair.Value.FileId, pair.Value.Chunks), StringComparer.Ordinal));
    }

    /// <summary>Creates (or, on resume, finds) the file row of an entry about to be read; its id is the provenance of the entry's records.</summary>
    public async Task<long> BeginEntryAsync(
        ImportRunContext run, string entryKey, string source, string path, string formatId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, run.UserId, cancellationToken);
        await ImportRunFence.CheckAsync(connection, transaction, run.ImportId, run.RunNo, cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO imports.files (import_id, entry_key, user_id, source, path, format_id, status)
            VALUES ($1, $2, $3, $4, $5, $6, 'importing')
            ON CONFLICT (import_id, entry_key) DO UPDATE SET format_id = excluded.format_id, status = 'importing'
            RETURNING file_id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = run.ImportId });
        command.Parameters.Add(new NpgsqlParameter { Value = entryKey });
        command.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = source });
        command.Parameters.Add(new NpgsqlParameter { Value = path });
        command.Parameters.Add(new NpgsqlParameter { Value = formatId });
        var fileId = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return fileId;
    }

    /// <summary>
    /// Records how an entry ended, in one transaction: its file row (with counts summed from the
    /// merged chunks), its ledger row when it was imported whole, and the unknown fields it met.
    /// </summary>
    public async Task<EntryTotals> FinishEntryAsync(ImportRunContext run, long? fileId, EntryOutcome outcome, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, run.UserId, cancellationToken);
        await ImportRunFence.CheckAsync(connection, transaction, run.ImportId, run.RunNo, cancellationToken);

        var totals = fileId is { } id ? await SumChunksAsync(connection, transaction, id, cancellationToken) : EntryTotals.Empty;
        if (outcome.Status == EntryStatus.Unchanged)
        {
            var matched = new MatchCounts();
            matched.Add(MatchRule.Exact, outcome.UnchangedRecords);
            totals = totals with { Duplicates = outcome.UnchangedRecords, Matched = matched };
        }

        await using (var upsert = new NpgsqlCommand(UpsertOutcome, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = run.ImportId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = outcome.EntryKey });
            upsert.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = outcome.Source });
            upsert.Parameters.Add(new NpgsqlParameter { Value = outcome.Path });
            upsert.Parameters.Add(Nullable(outcome.FormatId, NpgsqlDbType.Text));
            upsert.Parameters.Add(Nullable(outcome.Variant, NpgsqlDbType.Text));
            upsert.Parameters.Add(new NpgsqlParameter { Value = outcome.Status.ToName() });
            upsert.Parameters.Add(Nullable(outcome.ContentHash, NpgsqlDbType.Bytea));
            upsert.Parameters.Add(Nullable(outcome.Bytes, NpgsqlDbType.Bigint));
            upsert.Parameters.Add(Nullable(CountsJson(outcome, totals), NpgsqlDbType.Text));
            upsert.Parameters.Add(Nullable(outcome.Error, NpgsqlDbType.Text));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (outcome.Status == EntryStatus.Imported && fileId is { } importedFileId && outcome is { ContentHash: { } hash, HeadHash: { } head, Bytes: { } bytes })
        {
            await using var ledger = new NpgsqlCommand("""
                INSERT INTO imports.entry_ledger (user_id, content_hash, byte_length, head_hash, format_id, records, first_import_id, first_file_id, path_key)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (user_id, content_hash, path_key) DO NOTHING
                """, connection, transaction);
            ledger.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
            ledger.Parameters.Add(new NpgsqlParameter { Value = hash });
            ledger.Parameters.Add(new NpgsqlParameter { Value = bytes });
            ledger.Parameters.Add(new NpgsqlParameter { Value = head });
            ledger.Parameters.Add(new NpgsqlParameter { Value = outcome.FormatId ?? "" });
            ledger.Parameters.Add(new NpgsqlParameter { Value = totals.Read.Total });
            ledger.Parameters.Add(new NpgsqlParameter { Value = run.ImportId });
            ledger.Parameters.Add(new NpgsqlParameter { Value = importedFileId });
            ledger.Parameters.Add(Nullable(outcome.PathKey, NpgsqlDbType.Text));
            await ledger.ExecuteNonQueryAsync(cancellationToken);
        }

        if (outcome.UnknownFields.Count > 0 && fileId is { } driftFileId)
        {
            await using var unknown = new NpgsqlCommand("""
                INSERT INTO imports.unknown_fields (import_id, entry_key, field_path, user_id, file_id, example)
                SELECT $1, $2, field.path, $3, $4, field.example FROM unnest($5::text[], $6::text[]) AS field(path, example)
                ON CONFLICT DO NOTHING
                """, connection, transaction);
            unknown.Parameters.Add(new NpgsqlParameter { Value = run.ImportId });
            unknown.Parameters.Add(new NpgsqlParameter { Value = outcome.EntryKey });
            unknown.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
            unknown.Parameters.Add(new NpgsqlParameter { Value = driftFileId });
            unknown.Parameters.Add(new NpgsqlParameter { Value = outcome.UnknownFields.Keys.ToArray() });
            unknown.Parameters.Add(new NpgsqlParameter { Value = outcome.UnknownFields.Values.ToArray() });
            await unknown.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return totals;
    }

    /// <summary>
    /// Records many skipped entries in one statement: a Takeout holds thousands of photos and
    /// videos no reader claims, and a transaction each would cost more than reading them.
    /// </summary>
    public async Task RecordSkippedAsync(ImportRunContext run, IReadOnlyList<EntryOutcome> skipped, CancellationToken cancellationToken)
    {
        if (skipped.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, run.UserId, cancellationToken);
        await ImportRunFence.CheckAsync(connection, transaction, run.ImportId, run.RunNo, cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO imports.files (import_id, entry_key, user_id, source, path, status, bytes, error, finished_at)
            SELECT $1, e.key, $2, e.source, e.path, 'skipped', e.bytes, e.error, now()
            FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[]) AS e(key, source, path, bytes, error)
            ON CONFLICT (import_id, entry_key) DO UPDATE SET status = 'skipped', bytes = excluded.bytes, error = excluded.error, finished_at = now()
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = run.ImportId });
        command.Parameters.Add(new NpgsqlParameter { Value = run.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = skipped.Select(entry => entry.EntryKey).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = skipped.Select(entry => entry.Source).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = skipped.Select(entry => entry.Path).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = skipped.Select(entry => entry.Bytes).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = skipped.Select(entry => entry.Error).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Marks entries a stopped run left being read as failed, with what their merged chunks stored.</summary>
    public async Task FailUnfinishedAsync(ImportRunContext run, string reason, CancellationToken cancellationToken)
    {
        var unfinished = new List<(long FileId, EntryOutcome Outcome)>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await UserDataScope.BeginAsync(connection, run.UserId, cancellationToken))
        await using (var command = new NpgsqlCommand(
            "SELECT file_id, entry_key, source, path, format_id FROM imports.files WHERE import_id = $1 AND status = 'importing'", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = run.ImportId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                unfinished.Add((reader.GetInt64(0), new EntryOutcome
                {
                    EntryKey = reader.GetString(1),
                    Source = reader.GetString(2),
                    Path = reader.GetString(3),
                    FormatId = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Status = EntryStatus.Failed,
                    Error = $"{reader.GetString(3)}: {reason}",
                }));
            }
        }

        foreach (var (fileId, outcome) in unfinished)
        {
            await FinishEntryAsync(run, fileId, outcome, cancellationToken);
        }
    }

    private static async Task<EntryTotals> SumChunksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long fileId, CancellationToken cancellationToken)
    {
        var read = new KindCounts();
        var inserted = new KindCounts();
        var matched = new MatchCounts();
        await using var command = new NpgsqlCommand("SELECT read::text, inserted::text, matched::text FROM imports.entry_chunks WHERE file_id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = fileId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read.AddJson(reader.GetString(0));
            inserted.AddJson(reader.GetString(1));
            matched.AddJson(reader.GetString(2));
        }

        return new EntryTotals(read, inserted, read.Total - inserted.Total) { Matched = matched };
    }

    private static string? CountsJson(EntryOutcome outcome, EntryTotals totals)
    {
        if (outcome.Status is EntryStatus.Skipped or EntryStatus.Rejected)
        {
            return null;
        }

        var json = new JsonObject
        {
            ["read"] = totals.Read.ToJsonObject(),
            ["inserted"] = totals.Inserted.ToJsonObject(),
            ["duplicates"] = totals.Duplicates,
            ["matched"] = totals.Matched.ToJsonObject(),
            ["warnings"] = outcome.Warnings,
        };
        if (outcome.WarningExamples.Count > 0)
        {
            json["warningExamples"] = new JsonArray([.. outcome.WarningExamples.Select(w => JsonValue.Create(w))]);
        }

        if (outcome.Rejected.Total > 0)
        {
            json["rejected"] = outcome.Rejected.Counts.ToJsonObject();
            json["rejectedExamples"] = new JsonArray([.. outcome.Rejected.Examples.Select(e => JsonValue.Create(e))]);
        }

        return json.ToJsonString();
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
