using Datapunk.Lake.Model;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// The part of a chunk's merge that pairs the chunk's exported Spotify plays (extended streaming history:
/// a track uri, <c>ts</c> and <c>ms_played</c>; account data's history: a title, <c>endTime</c> and
/// <c>msPlayed</c>) with plays a poll stored (<see cref="PlayPairing"/>): a
/// stored polled play paired with one of them becomes it, in place and in the merge's transaction (its
/// identity, fields, source and provenance are the export's, which is richer; its source also names the
/// polled play, <see cref="PlayPairing.PolledIdentityField"/>), so a crash leaves the polled copy or the
/// exported one, never both or neither. The staged exported play is then not inserted (its identity is
/// stored) and counts as a match by <see cref="MatchRules.Between"/> of the two files' formats, with its
/// lineage row. Runs only for a chunk that holds plays, under <see cref="PlayWriterLock"/>.
/// </summary>
internal static class ExportedPlayMerge
{
    // The chunk's exported plays not stored already (those are exact matches): the extended history's
    // with a track uri, the account history's by title; and the polled plays stored for their tracks
    // between their earliest start and latest end (the account history's end is a minute: its last second).
    private static readonly string Candidates = $"""
        WITH exported AS (
            SELECT DISTINCT s.identity, s.occurred_at, coalesce(s.source->>'ms_played', s.source->>'msPlayed')::numeric::bigint AS ms,
                   s.source->>'spotify_track_uri' AS uri, s.title
            FROM {StagingWriter.StagedRecords} s
            WHERE s.kind = $2 AND s.occurred_at IS NOT NULL AND s.identity NOT LIKE '{PlayPairing.PolledIdentityPrefix}%'
              AND (jsonb_typeof(s.source->'ms_played') = 'number' AND s.source->>'spotify_track_uri' IS NOT NULL
                   OR jsonb_typeof(s.source->'msPlayed') = 'number' AND s.source->>'trackName' IS NOT NULL AND s.title IS NOT NULL)
              AND NOT EXISTS (SELECT FROM user_data.records r WHERE r.user_id = $1 AND r.kind = $2 AND r.identity = s.identity)),
        span AS (
            SELECT min(occurred_at - ms * interval '1 millisecond') - $3 AS since, max(occurred_at) + interval '1 minute' + $3 AS until FROM exported)
        SELECT false, identity, occurred_at, ms, uri, title, NULL::text FROM exported
        UNION ALL
        SELECT true, r.identity, r.occurred_at, NULL, r.source->>'track_uri', r.title, NULL
        FROM user_data.records r, span
        WHERE r.user_id = $1 AND r.kind = $2 AND r.occurred_at BETWEEN span.since AND span.until
          AND r.identity LIKE '{PlayPairing.PolledIdentityPrefix}%' AND r.source->>'track_uri' IS NOT NULL
          AND (r.source->>'track_uri' IN (SELECT uri FROM exported) OR r.title IN (SELECT title FROM exported WHERE uri IS NULL))
        """;

    // The polled rows become the exported plays they were paired with; returns the polled rows' files by
    // format (MatchesByFile.AddAsync). The replaced plays' vectors go: the exported play is embedded anew.
    private static readonly string Replace = $"""
        WITH pairs AS (SELECT * FROM unnest($3::text[], $4::text[]) AS p (polled, exported)),
        replaced AS (
            SELECT r.file_id FROM user_data.records r JOIN pairs p ON r.identity = p.polled WHERE r.user_id = $1 AND r.kind = $2),
        vectors_gone AS (
            DELETE FROM vectors.record_embeddings e USING pairs p WHERE e.user_id = $1 AND e.kind = $2 AND e.identity = p.polled),
        updated AS (
            UPDATE user_data.records r
            SET identity = s.identity, occurred_at = s.occurred_at, ended_at = s.ended_at, title = s.title, body = s.body, url = s.url,
                source = s.source || jsonb_build_object('{PlayPairing.PolledIdentityField}', p.polled), file_id = $5
            FROM pairs p
            JOIN LATERAL (SELECT * FROM {StagingWriter.StagedRecords} c WHERE c.kind = $2 AND c.identity = p.exported ORDER BY c.ord LIMIT 1) s ON true
            WHERE r.user_id = $1 AND r.kind = $2 AND r.identity = p.polled)
        SELECT replaced.file_id, f.format_id, f.variant, count(*)
        FROM replaced LEFT JOIN imports.files f ON f.file_id = replaced.file_id
        GROUP BY 1, 2, 3
        """;

    /// <summary>
    /// Replaces the stored polled plays that the chunk's staged plays pair with; adds them to
    /// <paramref name="matched"/> and returns how many staged rows they cover (which the insert then skips).
    /// </summary>
    public static async Task<long> ReplacePolledAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StagedChunk chunk, MatchesByFile matched, CancellationToken cancellationToken)
    {
        if (!chunk.Records.Exists(record => record.Kind == RecordKind.SpotifyPlay))
        {
            return 0;
        }

        var userId = chunk.Entry.Run.UserId;
        await PlayWriterLock.ExclusiveAsync(connection, transaction, userId, cancellationToken);
        StoredPlays plays;
        await using (var candidates = new NpgsqlCommand(Candidates, connection, transaction))
        {
            candidates.Parameters.Add(new NpgsqlParameter { Value = userId });
            candidates.Parameters.Add(new NpgsqlParameter { Value = (short)RecordKind.SpotifyPlay });
            candidates.Parameters.Add(new NpgsqlParameter { Value = PlayPairing.Tolerance });
            plays = await StoredPlays.ReadAsync(candidates, cancellationToken);
        }

        var pairs = PlayPairing.Pair(plays.Polled, plays.Exported);
        if (pairs.Count == 0)
        {
            return 0;
        }

        await using var replace = new NpgsqlCommand(Replace, connection, transaction);
        replace.Parameters.Add(new NpgsqlParameter { Value = userId });
        replace.Parameters.Add(new NpgsqlParameter { Value = (short)RecordKind.SpotifyPlay });
        replace.Parameters.Add(new NpgsqlParameter { Value = pairs.Select(pair => plays.Polled[pair.Polled].Identity).ToArray() });
        replace.Parameters.Add(new NpgsqlParameter { Value = pairs.Select(pair => plays.Exported[pair.Exported].Identity).ToArray() });
        replace.Parameters.Add(new NpgsqlParameter { Value = chunk.Entry.FileId });
        return await matched.AddAsync(replace, cancellationToken);
    }
}
