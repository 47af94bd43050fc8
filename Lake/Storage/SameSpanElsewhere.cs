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

    private const string OtherPoint = "ST_SetSRID(ST_MakePoint(o.lng_e7 / 1e7::float8, o.lat_e7 / 1e7::float8), 4326)::geography";

    // The chunk's own earlier copies far away are found once, by a join on the span's identity, and then
    // looked up in a hashed set: as a correlated EXISTS under the OR, PostgreSQL scanned the whole staged
    // chunk once per staged visit or segment (0.8 s a chunk of 26,000 records, the import's third cost).
    private static readonly string Rename = $"""
        WITH far_in_chunk AS MATERIALIZED (
            SELECT s.ord
            FROM {StagingWriter.StagedRecords} s
            JOIN {StagingWriter.StagedRecords} o ON o.kind = s.kind AND o.identity = s.identity AND o.ord < s.ord
            WHERE s.kind IN ({(int)RecordKind.PlaceVisit}, {(int)RecordKind.ActivitySegment}) AND s.lat_e7 IS NOT NULL AND o.lat_e7 IS NOT NULL
              AND NOT ST_DWithin({OtherPoint}, {StagedPoint}, {Meters}))
        UPDATE {StagingWriter.StagedRecords} s
        SET identity = coalesce(
            (SELECT r.identity FROM user_data.records r
             WHERE r.user_id = $1 AND r.kind = s.kind AND r.identity LIKE s.identity || '@%' AND r.position IS NOT NULL
               AND ST_DWithin(r.position, {StagedPoint}, {Meters})
             ORDER BY r.identity LIMIT 1),
            s.identity || '@' || round(s.lat_e7 / 1000.0)::bigint || ',' || round(s.lng_e7 / 1000.0)::bigint)
        WHERE s.kind IN ({(int)RecordKind.PlaceVisit}, {(int)RecordKind.ActivitySegment}) AND s.lat_e7 IS NOT NULL
          AND (EXISTS (SELECT 1 FROM user_data.records r
                       WHERE r.user_id = $1 AND r.kind = s.kind AND r.identity = s.identity AND r.position IS NOT NULL
                         AND NOT ST_DWithin(r.position, {StagedPoint}, {Meters}))
               OR (NOT EXISTS (SELECT 1 FROM user_data.records r WHERE r.user_id = $1 AND r.kind = s.kind AND r.identity = s.identity)
                   AND s.ord IN (SELECT ord FROM far_in_chunk)))
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
