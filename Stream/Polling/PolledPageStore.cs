using System.Text.Json;
using System.Text.Json.Nodes;
using Datapunk.Lake.Storage;
using Datapunk.Streams.Connections;
using Npgsql;
using NpgsqlTypes;

namespace Datapunk.Streams.Polling;

/// <summary>
/// Stores one polled page in ONE transaction under the user's id: an <c>imports.files</c> row (the
/// page's provenance: source, the API request, format), its records into <c>user_data.records</c> by the
/// same identities and <c>ON CONFLICT DO NOTHING</c> as imports (or, for a page of current versions,
/// replacing a stored record whose visible fields changed; Spotify plays that are plays of a stored
/// export are matched and not stored, <see cref="PolledPlayMatching"/>), the marks of records removed or
/// restored at the provider (<see cref="SourceMarkWriter"/>), and the connection's new cursor. A
/// crash stores the page and moves the cursor, or neither: the next poll reads the page again and its
/// records, stored or not, are stored once. The transaction holds the user's account row
/// (<see cref="AccountFence"/>), so a page and an erasure of the user take turns: a page stored after
/// the erasure began stores nothing (<see cref="AccountGoneException"/>), and one stored before is
/// deleted by it.
/// </summary>
public sealed class PolledPageStore(NpgsqlDataSource dataSource)
{
    private const string InsertFile = """
        INSERT INTO imports.files (import_id, entry_key, user_id, source, path, format_id, status, bytes, counts, finished_at)
        VALUES ($1, $2, $3, $4, $5, $6, 'imported', 0, $7::jsonb, now())
        RETURNING file_id
        """;

    private const string PageRecords = """
        INSERT INTO user_data.records (user_id, kind, identity, occurred_at, ended_at, title, body, url, source, file_id)
        SELECT $1, kind, identity, occurred_at, ended_at, title, body, url, source::jsonb, $2
        FROM unnest($3::smallint[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[])
            AS r(kind, identity, occurred_at, ended_at, title, body, url, source)
        """;

    private const string InsertRecords = PageRecords + """

        ON CONFLICT DO NOTHING
        RETURNING true
        """;

    // A newer version replaces what a person sees of the record (and its lineage now points to this
    // page); a record whose visible fields are the same keeps its row, its source and its first file,
    // so polling an event imported from a Takeout before changes nothing. xmax is 0 for a row inserted.
    private const string InsertOrReplaceRecords = PageRecords + """

        ON CONFLICT (user_id, kind, identity) DO UPDATE
        SET occurred_at = excluded.occurred_at, ended_at = excluded.ended_at, title = excluded.title, body = excluded.body,
            url = excluded.url, source = excluded.source, file_id = excluded.file_id
        WHERE (records.occurred_at, records.ended_at, records.title, records.body, records.url)
              IS DISTINCT FROM (excluded.occurred_at, excluded.ended_at, excluded.title, excluded.body, excluded.url)
        RETURNING records.xmax = 0
        """;

    /// <summary>Stores <paramref name="page"/> of <paramref name="key"/>; returns its file row and how many of its records were new.</summary>
    public async Task<StoredPage> StoreAsync(ConnectionKey key, Guid importId, PolledPage page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, key.UserId, cancellationToken);
        await AccountFence.HoldAsync(connection, transaction, key.UserId, cancellationToken);
        long fileId;
        await using (var file = new NpgsqlCommand(InsertFile, connection, transaction))
        {
            file.Parameters.Add(new() { Value = importId });
            file.Parameters.Add(new() { Value = $"poll:{Guid.NewGuid():N}" });
            file.Parameters.Add(new() { Value = key.UserId });
            file.Parameters.Add(new() { Value = page.Source });
            file.Parameters.Add(new() { Value = page.Request });
            file.Parameters.Add(new() { Value = page.FormatId });
            file.Parameters.Add(new() { Value = JsonSerializer.Serialize(new { read = page.Records.Count }) });
            fileId = (long)(await file.ExecuteScalarAsync(cancellationToken))!;
        }

        // Plays that are plays of an export stored already are matched, not stored (docs/sources.md, Spotify).
        var plays = await PolledPlayMatching.MatchAsync(connection, transaction, key.UserId, fileId, page.FormatId, page.Records, cancellationToken);
        var (inserted, updated) = (0, 0);
        var written = plays.Without(Written(page));
        if (written.Count > 0)
        {
            await using var records = new NpgsqlCommand(page.CurrentVersions ? InsertOrReplaceRecords : InsertRecords, connection, transaction);
            records.Parameters.Add(new() { Value = key.UserId });
            records.Parameters.Add(new() { Value = fileId });
            records.Parameters.Add(new() { Value = written.Select(r => (short)r.Kind).ToArray() });
            records.Parameters.Add(new() { Value = written.Select(r => r.Identity).ToArray() });
            records.Parameters.Add(Times(written.Select(r => r.OccurredAt)));
            records.Parameters.Add(Times(written.Select(r => r.EndedAt)));
            records.Parameters.Add(Texts(written.Select(r => r.Title)));
            records.Parameters.Add(Texts(written.Select(r => r.Text)));
            records.Parameters.Add(Texts(written.Select(r => r.Url)));
            records.Parameters.Add(Texts(written.Select(r => r.Source?.ToJsonString())));
            (inserted, updated) = await CountAsync(records, cancellationToken);
        }

        var (removed, restored) = await SourceMarkWriter.WriteAsync(connection, transaction, key.UserId, page, written, cancellationToken);
        await using (var counts = new NpgsqlCommand(
            "UPDATE imports.files SET counts = $2::jsonb WHERE file_id = $1", connection, transaction))
        {
            counts.Parameters.Add(new() { Value = fileId });
            counts.Parameters.Add(new() { Value = JsonSerializer.Serialize(new { read = page.Records.Count, inserted, updated, duplicates = page.Records.Count - inserted - updated, removed, restored, matched = plays.Counts.ToDictionary() }) });
            await counts.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var cursor = new NpgsqlCommand("""
            UPDATE user_data.connections SET cursor = coalesce($4::jsonb, cursor), records = records + $5, updated_at = now()
            WHERE user_id = $1 AND provider = $2 AND account = $3
            """, connection, transaction))
        {
            ConnectionsTable.AddKey(cursor, key);
            cursor.Parameters.Add(new() { Value = (object?)page.Cursor?.ToJsonString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cursor.Parameters.Add(new() { Value = (long)inserted });
            if (await cursor.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Removed while the page was read: nothing of the page is kept.
                throw new ConnectionGoneException($"Connection {key.Id} of '{key.UserId}' was removed during its poll.");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoredPage(fileId, inserted, updated);
    }

    /// <summary>Keeps <paramref name="cursor"/> as <paramref name="key"/>'s cursor (a page without records: a job's progress).</summary>
    public async Task KeepCursorAsync(ConnectionKey key, JsonObject cursor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, key.UserId, cancellationToken);
        await AccountFence.HoldAsync(connection, transaction, key.UserId, cancellationToken);
        await using var update = new NpgsqlCommand("""
            UPDATE user_data.connections SET cursor = $4::jsonb, updated_at = now()
            WHERE user_id = $1 AND provider = $2 AND account = $3
            """, connection, transaction);
        ConnectionsTable.AddKey(update, key);
        update.Parameters.Add(new() { Value = cursor.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Text });
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new ConnectionGoneException($"Connection {key.Id} of '{key.UserId}' was removed during its poll.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Marks a poll that ended well: when, and when the next one is due.</summary>
    public async Task CompleteAsync(ConnectionKey key, DateTimeOffset nextPoll, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, key.UserId, cancellationToken);
        await using var update = new NpgsqlCommand("""
            UPDATE user_data.connections
            SET status = 'connected', polls = polls + 1, last_poll = now(), last_success = now(), failures = 0, next_poll = $4, updated_at = now()
            WHERE user_id = $1 AND provider = $2 AND account = $3
            """, connection, transaction);
        ConnectionsTable.AddKey(update, key);
        update.Parameters.Add(new() { Value = nextPoll });
        await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The page's records to write: for a page of current versions, the last of each identity (one
    /// statement may not update a row twice, and a provider may list a thing twice); all of them otherwise.
    /// </summary>
    private static IReadOnlyList<PersonalRecord> Written(PolledPage page) =>
        page.CurrentVersions ? [.. page.Records.GroupBy(record => (record.Kind, record.Identity)).Select(versions => versions.Last())] : page.Records;

    private static NpgsqlParameter Times(IEnumerable<DateTime?> values) =>
        new() { Value = values.Select(value => value is { } time ? (object)DateTime.SpecifyKind(time, DateTimeKind.Utc) : DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    /// <summary>Runs <paramref name="command"/>, whose rows are one boolean each (RETURNING …), and counts the true ones and the false ones.</summary>
    internal static async Task<(int True, int False)> CountAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var (yes, no) = (0, 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(0))
            {
                yes++;
            }
            else
            {
                no++;
            }
        }

        return (yes, no);
    }

    internal static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.Select(value => (object?)value ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
