using Npgsql;
using NpgsqlTypes;

namespace Datapunk.Streams.Polling;

/// <summary>
/// Writes a page's <see cref="SourceMark"/>s onto the user's stored records, in the page's transaction
/// (<see cref="PolledPageStore"/>): a removed item's record keeps everything it had and gains
/// <c>removed_at_source</c> (when Datapunk first saw the removal) and <c>removed_reason</c>; a restored one
/// loses both. The last mark of a record wins, and a record already in the state a mark says is not
/// written, so a page read and stored again (a sync started over, a poll after a crash before its commit)
/// leaves the same rows, the first time seen included.
/// Only the user's own records are matched (the user's id and the records' row-level security).
/// </summary>
internal static class SourceMarkWriter
{
    // Marks by identity use the records' unique index. Marks by the provider's id read the user's
    // records of that kind (no index holds source keys); a page has them only when the provider removed something.
    private const string ByIdentity = """
        SELECT r.kind, r.identity, r.removed_reason AS old_reason, m.n FROM marks m
        JOIN user_data.records r ON r.user_id = $1 AND r.kind = m.kind AND r.identity = m.identity
        """;

    private const string ByProviderId = """

        UNION ALL
        SELECT r.kind, r.identity, r.removed_reason, m.n FROM marks m
        JOIN user_data.records r ON r.user_id = $1 AND r.kind = m.kind AND r.source ->> $7 = m.provider_id
        """;

    private const string Update = """
        UPDATE user_data.records r
        SET removed_at_source = CASE WHEN t.reason IS NULL THEN NULL ELSE coalesce(r.removed_at_source, now()) END,
            removed_reason = t.reason,
            source = CASE WHEN t.source IS NULL THEN r.source ELSE coalesce(r.source, '{}') || t.source::jsonb END
        FROM targets t
        WHERE r.user_id = $1 AND r.kind = t.kind AND r.identity = t.identity
          AND (r.removed_reason IS DISTINCT FROM t.reason
               OR (t.source IS NOT NULL AND r.source IS DISTINCT FROM coalesce(r.source, '{}') || t.source::jsonb))
        RETURNING t.reason, t.old_reason
        """;

    /// <summary>Marks the records <paramref name="page"/> names; <paramref name="written"/> (its records) are there at the provider. Returns how many records were marked removed (or for another reason), and how many lost their mark; source keys taken alone are not counted.</summary>
    public static async Task<(int Removed, int Restored)> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, PolledPage page, IReadOnlyList<PersonalRecord> written, CancellationToken cancellationToken)
    {
        // The page's records first: a mark the provider gave for one of them comes later and wins.
        IReadOnlyList<SourceMark> marks = [.. written.Select(record => SourceMark.ByIdentity(record.Kind, record.Identity, null)), .. page.Marks];
        if (marks.Count == 0)
        {
            return (0, 0);
        }

        var byProviderId = page.Marks.Any(mark => mark.ProviderId is not null);
        if (byProviderId && page.ProviderIdKey is null)
        {
            throw new InvalidOperationException($"A page of {page.Source} marks records by the provider's id but names no source key for it.");
        }

        await using var command = new NpgsqlCommand($"""
            WITH marks AS (
                SELECT * FROM unnest($2::smallint[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS m(kind, identity, provider_id, reason, source, n)
            ), targets AS (
                SELECT DISTINCT ON (found.kind, found.identity) found.kind, found.identity, found.old_reason, m.reason, m.source
                FROM ({ByIdentity}{(byProviderId ? ByProviderId : "")}) found
                JOIN marks m USING (n)
                ORDER BY found.kind, found.identity, m.n DESC
            ), written AS (
            {Update}
            )
            SELECT reason IS NOT NULL FROM written WHERE reason IS DISTINCT FROM old_reason
            """, connection, transaction);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = marks.Select(mark => (short)mark.Kind).ToArray() });
        command.Parameters.Add(PolledPageStore.Texts(marks.Select(mark => mark.Identity)));
        command.Parameters.Add(PolledPageStore.Texts(marks.Select(mark => mark.ProviderId)));
        command.Parameters.Add(PolledPageStore.Texts(marks.Select(mark => mark.Reason)));
        command.Parameters.Add(PolledPageStore.Texts(marks.Select(mark => mark.Source?.ToJsonString())));
        command.Parameters.Add(new() { Value = (object?)page.ProviderIdKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await PolledPageStore.CountAsync(command, cancellationToken);
    }
}
