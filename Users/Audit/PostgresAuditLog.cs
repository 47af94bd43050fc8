using System.Data;
using System.Text.Json;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Users.Audit;

/// <summary>
/// The audit log in PostgreSQL (migration 0012). The database chains every insert (trigger
/// <c>archive.audit_log_chain</c>, under a row lock on the chain head, so appends from all silos
/// form one chain) and refuses changes; this class appends as the application role, reads a
/// user's trail under row-level security, and checks the chain through
/// <c>archive.audit_chain_links</c>, which returns hashes only.
/// </summary>
public sealed class PostgresAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    public const int MaxTrailPage = 1000;
    private const int VerificationPage = 5000;

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) => AppendAsync([entry], cancellationToken);

    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        foreach (var entry in entries)
        {
            entry.Validate();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ApplicationRoleScope.BeginAsync(connection, cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO archive.audit_log (actor, subject, action, record_count, origin, details)
            SELECT e.actor, e.subject, e.action, e.record_count, e.origin, e.details::jsonb
            FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[])
                WITH ORDINALITY AS e(actor, subject, action, record_count, origin, details, ordinal)
            ORDER BY e.ordinal
            """, connection, transaction);
        insert.Parameters.Add(new() { Value = entries.Select(e => e.Actor).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(e => e.Subject).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(e => e.Action).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(e => e.RecordCount).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(e => e.Origin).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(e => e.Details is null ? null : JsonSerializer.Serialize(e.Details)).ToArray() });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditLogEntry>> ReadTrailAsync(string userId, long? before, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxTrailPage)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"An audit trail page holds 1 to {MaxTrailPage} entries.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Row-level security limits the rows to this user's; the WHERE clause lets the indexes find them.
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var query = new NpgsqlCommand("""
            SELECT seq, at, actor, subject, action, record_count, origin, details::text, redacted
            FROM archive.audit_log
            WHERE (subject = $1 OR actor = $1) AND seq < $2
            ORDER BY seq DESC
            LIMIT $3
            """, connection, transaction);
        query.Parameters.Add(new() { Value = userId });
        query.Parameters.Add(new() { Value = before ?? long.MaxValue });
        query.Parameters.Add(new() { Value = limit });
        var trail = new List<AuditLogEntry>();
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                trail.Add(new AuditLogEntry(
                    reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt64(5), reader.GetString(6),
                    reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7)), reader.GetBoolean(8)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return trail;
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the head and every page: appends committed meanwhile are not half seen.
        await using var transaction = await ApplicationRoleScope.BeginAsync(connection, IsolationLevel.RepeatableRead, cancellationToken);
        var verification = await VerifyChainAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return verification;
    }

    /// <summary>Checks the chain as <paramref name="transaction"/> sees it; its role must be allowed the log's functions.</summary>
    internal static async Task<AuditVerification> VerifyChainAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var (headSequence, headHash) = await ReadHeadAsync(connection, transaction, cancellationToken);
        var verifier = new AuditChainVerifier();
        var after = 0L;
        while (true)
        {
            var page = await ReadLinksAsync(connection, transaction, after, cancellationToken);
            foreach (var link in page)
            {
                verifier.Check(link);
            }

            if (page.Count < VerificationPage)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        return verifier.Finish(headSequence, headHash);
    }

    public async Task<long> RedactSubjectAsync(string userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new ArgumentException("The user whose audit entries are redacted must be named.", nameof(userId));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ApplicationRoleScope.BeginAsync(connection, cancellationToken);
        await using var redact = new NpgsqlCommand("SELECT archive.redact_audit_subject($1)", connection, transaction);
        redact.Parameters.Add(new() { Value = userId });
        var tombstone = (long)(await redact.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return tombstone;
    }

    private static async Task<(long Sequence, byte[] Hash)> ReadHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var head = new NpgsqlCommand("SELECT last_seq, last_hash FROM archive.audit_head()", connection, transaction);
        await using var reader = await head.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The audit chain has no head row (archive.audit_chain_head): the table was tampered with or migration 0012 did not run.");
        }

        return (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
    }

    private static async Task<List<AuditChainLink>> ReadLinksAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long after, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand(
            "SELECT seq, action, redacted, redacted_by, content_hash, recomputed_content_hash, previous_hash, entry_hash FROM archive.audit_chain_links($1, $2)",
            connection, transaction);
        query.Parameters.Add(new() { Value = after });
        query.Parameters.Add(new() { Value = VerificationPage });
        var links = new List<AuditChainLink>(VerificationPage);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add(new AuditChainLink(
                reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetFieldValue<byte[]>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5),
                reader.GetFieldValue<byte[]>(6), reader.GetFieldValue<byte[]>(7)));
        }

        return links;
    }
}
