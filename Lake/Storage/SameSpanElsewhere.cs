using Datapunk.Lake.Model;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Visits without a place id and activity segments are identified by their time span alone
/// (import.md, "De-duplication"): their positions are written at different precisions by different
/// exports, so they cannot be part of a hashed identity. Two of them with the same span more than
/// <see cref="Meters"/> apart are different things, though: before a chunk's records are inserted,
/// a staged one whose identity is already taken at a place that far away (by a stored record, or,
/// when none is stored, by an earlier one of the chunk, which keeps it) takes the identity of a
/// stored record near it that has such a name already, or else its identity with its place
/// appended (<c>…@lat,lng</c> in ten-thousandths of a degree). So the second place is stored apart,
/// and a later copy of it from another export finds it. Merges whose spans overlap take turns
/// (<see cref="Pipeline.MergeRangeGate"/>), so no concurrent merge hides the first place.
/// </summary>
internal static class SameSpanElsewhere
{
    /// <summary>Farther apart than this, two records of one time span are different things; closer, two copies of one.</summary>
    public const int Meters = 250;

    private const string StagedPoint = "ST_SetSRID(ST_MakePoint(s.lng_e7 / 1e7::float8, s.lat_e7 / 1e7::float8), 4326)::geography";

    // Every lookup is bounded by the chunk, never by how many records the user holds: the stored record of
    // each span is joined once by its key (stored); the chunk's own earlier copies far away are found by one
    // join on the span (as a correlated EXISTS under an OR, PostgreSQL scanned the staged chunk once per
    // staged row: 0.8 s a chunk); and the user's records already named by their place (renamed) are read
    // once, and only when a span is elsewhere, instead of once per such span (a bitmap over all the user's
    // visits each time, which made a chunk of a large user's import exceed the 30 s command timeout).
    private static readonly string Rename = $"""
        WITH spans AS MATERIALIZED (
            SELECT s.ord, s.kind, s.identity, {StagedPoint} AS point
            FROM {StagingWriter.StagedRecords} s
            WHERE s.kind IN ({(int)RecordKind.PlaceVisit}, {(int)RecordKind.ActivitySegment}) AND s.lat_e7 IS NOT NULL),
        stored AS MATERIALIZED (
            SELECT t.ord, t.point, r.position
            FROM spans t
            JOIN user_data.records r ON r.user_id = $1 AND r.kind = t.kind AND r.identity = t.identity),
        elsewhere AS MATERIALIZED (
            SELECT t.ord, t.kind, t.identity, t.point
            FROM spans t
            WHERE t.ord IN (SELECT d.ord FROM stored d WHERE d.position IS NOT NULL AND NOT ST_DWithin(d.position, d.point, {Meters}))
               OR (t.ord NOT IN (SELECT d.ord FROM stored d)
                   AND t.ord IN (SELECT u.ord FROM spans u JOIN spans o ON o.kind = u.kind AND o.identity = u.identity AND o.ord < u.ord
                                 WHERE NOT ST_DWithin(o.point, u.point, {Meters})))),
        renamed AS MATERIALIZED (
            SELECT r.kind, r.identity, r.position
            FROM user_data.records r
            WHERE r.user_id = $1 AND r.kind IN ({(int)RecordKind.PlaceVisit}, {(int)RecordKind.ActivitySegment}) AND r.position IS NOT NULL
              AND strpos(r.identity, '@') > 0)
        UPDATE {StagingWriter.StagedRecords} s
        SET identity = coalesce(
            (SELECT n.identity FROM renamed n
             WHERE n.kind = e.kind AND starts_with(n.identity, e.identity || '@') AND ST_DWithin(n.position, e.point, {Meters})
             ORDER BY n.identity LIMIT 1),
            e.identity || '@' || round(s.lat_e7 / 1000.0)::bigint || ',' || round(s.lng_e7 / 1000.0)::bigint)
        FROM elsewhere e
        WHERE s.ord = e.ord
        """;

    /// <summary>Renames the chunk's staged visits and segments that share a span with a record elsewhere (only when it has any).</summary>
    public static async Task RenameAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StagedChunk chunk, CancellationToken cancellationToken)
    {
        if (!chunk.Records.Exists(record => record.Kind is RecordKind.PlaceVisit or RecordKind.ActivitySegment && record.LatitudeE7 is not null))
        {
            return;
        }

        await using var command = new NpgsqlCommand(Rename, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Entry.Run.UserId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
