using System.Text;
using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// A user's records, newest first (time, then kind, then identity, descending; records without a
/// time last), a page at a time, filtered by kind, time range, the format they were imported from,
/// and text. Text matches a case-insensitive substring of the title or body, or words resembling
/// the title's (pg_trgm's word similarity); no index serves it, so a rare text reads the user's
/// records of the chosen kinds until the page is full. Also the records named by kind and id, in the
/// order named (what a search found, read whole).
/// </summary>
public sealed class RecordsReader(NpgsqlDataSource dataSource)
{
    private static readonly string Columns = $"""
        r.kind, r.identity, r.occurred_at, r.ended_at, r.title,
        left(r.body, @body_max), length(r.body) > @body_max, r.url,
        ST_Y(r.position::geometry), ST_X(r.position::geometry),
        CASE WHEN length(r.source::text) <= @source_max THEN r.source::text END, length(r.source::text) > @source_max,
        f.import_id, f.path, f.format_id, {SourceRemovals.Columns("r")}
        """;

    /// <summary>The user's records among <paramref name="keys"/>, in their order; keys naming no record of the user's are skipped.</summary>
    public async Task<IReadOnlyList<StoredRecord>> GetAsync(string userId, IReadOnlyList<RecordKey> keys, CancellationToken cancellationToken)
    {
        var kinds = new short[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            kinds[i] = RecordKindNames.TryParse(keys[i].Kind, out var kind)
                ? (short)kind
                : throw new ArgumentException($"kind: '{keys[i].Kind}' is not a record kind.", nameof(keys));
        }

        if (keys.Count == 0)
        {
            return [];
        }

        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await using var command = read.Command($"""
            SELECT {Columns}
            FROM unnest(@key_kinds, @key_ids) WITH ORDINALITY AS k(kind, identity, position)
            JOIN user_data.records r ON r.user_id = @user AND r.kind = k.kind AND r.identity = k.identity
            LEFT JOIN imports.files f ON f.file_id = r.file_id
            ORDER BY k.position
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("key_kinds", kinds);
        command.Parameters.AddWithValue("key_ids", keys.Select(key => key.Id).ToArray());
        command.Parameters.AddWithValue("body_max", StoredRecord.MaxBodyLength);
        command.Parameters.AddWithValue("source_max", StoredRecord.MaxSourceLength);
        var records = new List<StoredRecord>(keys.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    public async Task<RecordsPage> ListAsync(string userId, RecordsQuery query, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var parsed = RecordsQueries.Parse(query, errors);
        errors.ThrowIfAny();

        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await using var command = read.Command("");
        command.CommandText = Sql(query, parsed, command.Parameters);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("kinds", parsed.Kinds);
        command.Parameters.AddWithValue("limit", query.Limit + 1);
        command.Parameters.AddWithValue("body_max", StoredRecord.MaxBodyLength);
        command.Parameters.AddWithValue("source_max", StoredRecord.MaxSourceLength);

        var records = new List<StoredRecord>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(Read(reader));
            }
        }

        if (records.Count <= query.Limit)
        {
            return new RecordsPage(records, null);
        }

        records.RemoveAt(records.Count - 1);
        var last = records[^1];
        RecordKindNames.TryParse(last.Kind, out var lastKind);
        return new RecordsPage(records, new PageCursor(last.OccurredAt?.UtcDateTime, (short)lastKind, last.Id).Encode());
    }

    private static string Sql(RecordsQuery query, ParsedRecordsQuery parsed, NpgsqlParameterCollection parameters)
    {
        var sql = new StringBuilder($"""
            SELECT {Columns}
            FROM user_data.records r
            LEFT JOIN imports.files f ON f.file_id = r.file_id
            WHERE r.user_id = @user AND r.kind = ANY(@kinds)
            """);
        if (query.From is { } from)
        {
            sql.Append(" AND r.occurred_at >= @from");
            parameters.AddWithValue("from", from.UtcDateTime);
        }

        if (query.To is { } to)
        {
            sql.Append(" AND r.occurred_at < @to");
            parameters.AddWithValue("to", to.UtcDateTime);
        }

        if (query.Source is { } source)
        {
            sql.Append(" AND (f.format_id = @source OR starts_with(f.format_id, @source || '.'))");
            parameters.AddWithValue("source", source);
        }

        if (parsed.Text is { } text)
        {
            sql.Append(" AND (r.title ILIKE @pattern OR r.body ILIKE @pattern OR @text <% r.title)");
            parameters.AddWithValue("text", text);
            parameters.AddWithValue("pattern", $"%{EscapeLike(text)}%");
        }

        if (parsed.After is { } after)
        {
            sql.Append(after.At is null
                ? " AND r.occurred_at IS NULL AND (r.kind, r.identity) < (@after_kind, @after_identity)"
                : " AND ((r.occurred_at, r.kind, r.identity) < (@after_at, @after_kind, @after_identity) OR r.occurred_at IS NULL)");
            if (after.At is { } at)
            {
                parameters.AddWithValue("after_at", at);
            }

            parameters.AddWithValue("after_kind", after.Kind);
            parameters.AddWithValue("after_identity", after.Identity);
        }

        sql.Append(" ORDER BY r.occurred_at DESC NULLS LAST, r.kind DESC, r.identity DESC LIMIT @limit");
        return sql.ToString();
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static StoredRecord Read(NpgsqlDataReader row) => new(
        ((RecordKind)row.GetInt16(0)).ToName(),
        row.GetString(1),
        StoredTime.Of(row, 2),
        StoredTime.Of(row, 3),
        row.IsDBNull(4) ? null : row.GetString(4),
        row.IsDBNull(5) ? null : row.GetString(5),
        !row.IsDBNull(6) && row.GetBoolean(6),
        row.IsDBNull(7) ? null : row.GetString(7),
        row.IsDBNull(8) ? null : new GeoPoint(row.GetDouble(8), row.GetDouble(9)),
        row.IsDBNull(10) ? null : row.GetString(10),
        !row.IsDBNull(11) && row.GetBoolean(11),
        row.IsDBNull(12) ? null : new RecordProvenance(row.GetGuid(12), row.GetString(13), row.IsDBNull(14) ? null : row.GetString(14)),
        SourceRemovals.Read(row, 15));
}
