using Datapunk.Lake.Model;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// The part of storing a polled page that pairs its Spotify plays with exported plays stored already
/// (<see cref="PlayPairing"/>), in the page's transaction and under <see cref="PlayWriterLock"/>: a
/// polled play paired with an exported one is not stored (the export's copy is richer), the exported
/// play's source names it (<see cref="PlayPairing.PolledIdentityField"/>) so that no other polled play
/// takes it and the same page read again finds it paired, and each counts as a match of the page's
/// file by <see cref="MatchRules.Between"/> of the two formats, with its lineage row (chunk 0).
/// </summary>
public static class PolledPlayMatching
{
    // Exported plays of the page's tracks (by uri; the account history's, which have none, by title)
    // that ended from a minute and Tolerance before the earliest played_at to LongestPlay and Tolerance
    // after the latest (played_at may be the start; the account history's end is a minute).
    private static readonly string Candidates = $"""
        SELECT false, r.identity, r.occurred_at, coalesce(r.source->>'ms_played', r.source->>'msPlayed')::numeric::bigint,
               r.source->>'spotify_track_uri', r.title, r.source->>'{PlayPairing.PolledIdentityField}'
        FROM user_data.records r
        WHERE r.user_id = $1 AND r.kind = $2 AND r.occurred_at BETWEEN $3 AND $4 AND r.identity NOT LIKE '{PlayPairing.PolledIdentityPrefix}%'
          AND (r.source->>'spotify_track_uri' = ANY($5) AND jsonb_typeof(r.source->'ms_played') = 'number'
               OR r.title = ANY($6) AND r.source->>'spotify_track_uri' IS NULL AND jsonb_typeof(r.source->'msPlayed') = 'number')
        """;

    // Marks the newly paired exported plays (polled is null for those paired before) and returns the
    // files of all the matched ones by format (MatchesByFile.AddAsync).
    private static readonly string Pair = $"""
        WITH matched AS (SELECT * FROM unnest($3::text[], $4::text[]) AS m (exported, polled)),
        marked AS (
            UPDATE user_data.records r SET source = r.source || jsonb_build_object('{PlayPairing.PolledIdentityField}', m.polled)
            FROM matched m WHERE r.user_id = $1 AND r.kind = $2 AND r.identity = m.exported AND m.polled IS NOT NULL)
        SELECT r.file_id, f.format_id, f.variant, count(*)
        FROM matched m
        JOIN user_data.records r ON r.user_id = $1 AND r.kind = $2 AND r.identity = m.exported
        LEFT JOIN imports.files f ON f.file_id = r.file_id
        GROUP BY 1, 2, 3
        """;

    /// <summary>
    /// Pairs the plays among <paramref name="records"/> (a page stored as <paramref name="fileId"/> of
    /// <paramref name="formatId"/>) with stored exported plays and records the matches; the caller stores the rest.
    /// </summary>
    public static async Task<PolledPlayMatches> MatchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, long fileId, string formatId,
        IReadOnlyList<PersonalRecord> records, CancellationToken cancellationToken)
    {
        var polled = records.Select(Polled).OfType<PolledPlay>().DistinctBy(play => play.Identity).ToList();
        if (polled.Count == 0)
        {
            return PolledPlayMatches.None;
        }

        await PlayWriterLock.ExclusiveAsync(connection, transaction, userId, cancellationToken);
        StoredPlays stored;
        await using (var candidates = new NpgsqlCommand(Candidates, connection, transaction))
        {
            candidates.Parameters.Add(new NpgsqlParameter { Value = userId });
            candidates.Parameters.Add(new NpgsqlParameter { Value = (short)RecordKind.SpotifyPlay });
            candidates.Parameters.Add(new NpgsqlParameter { Value = polled.Min(play => play.PlayedAt) - TimeSpan.FromMinutes(1) - PlayPairing.Tolerance });
            candidates.Parameters.Add(new NpgsqlParameter { Value = polled.Max(play => play.PlayedAt) + PlayPairing.LongestPlay + PlayPairing.Tolerance });
            candidates.Parameters.Add(new NpgsqlParameter { Value = polled.Select(play => play.TrackUri).Distinct().ToArray() });
            candidates.Parameters.Add(new NpgsqlParameter { Value = polled.Select(play => play.Title).OfType<string>().Distinct().ToArray() });
            stored = await StoredPlays.ReadAsync(candidates, cancellationToken);
        }

        // A play read again (an overlapping page, a poll replayed after a crash) is paired already.
        var polledIdentities = polled.Select(play => play.Identity).ToHashSet(StringComparer.Ordinal);
        var exported = new List<string>();
        var newlyPaired = new List<string?>();
        var free = new List<ExportedPlay>();
        for (var i = 0; i < stored.Exported.Count; i++)
        {
            if (stored.PairedWith[i] is not { } pairedWith)
            {
                free.Add(stored.Exported[i]);
            }
            else if (polledIdentities.Remove(pairedWith))
            {
                exported.Add(stored.Exported[i].Identity);
                newlyPaired.Add(null);
            }
        }

        var open = polled.Where(play => polledIdentities.Contains(play.Identity)).ToList();
        var matchedPolled = polled.Select(play => play.Identity).Where(identity => !polledIdentities.Contains(identity)).ToHashSet(StringComparer.Ordinal);
        foreach (var (p, e) in PlayPairing.Pair(open, free))
        {
            exported.Add(free[e].Identity);
            newlyPaired.Add(open[p].Identity);
            matchedPolled.Add(open[p].Identity);
        }

        if (exported.Count == 0)
        {
            return PolledPlayMatches.None;
        }

        var matched = new MatchesByFile(userId, fileId, 0, formatId, null, new MatchCounts());
        await using (var pair = new NpgsqlCommand(Pair, connection, transaction))
        {
            pair.Parameters.Add(new NpgsqlParameter { Value = userId });
            pair.Parameters.Add(new NpgsqlParameter { Value = (short)RecordKind.SpotifyPlay });
            pair.Parameters.Add(new NpgsqlParameter { Value = exported.ToArray() });
            pair.Parameters.Add(new NpgsqlParameter { Value = newlyPaired.ToArray() });
            await matched.AddAsync(pair, cancellationToken);
        }

        await matched.RecordLineageAsync(connection, transaction, cancellationToken);
        return new PolledPlayMatches(matchedPolled, matched.Counts);
    }

    private static PolledPlay? Polled(PersonalRecord record) =>
        record.Kind == RecordKind.SpotifyPlay && record.OccurredAt is { } playedAt
        && record.Identity.StartsWith(PlayPairing.PolledIdentityPrefix, StringComparison.Ordinal)
        && record.Source?["track_uri"]?.GetValue<string>() is { } trackUri
            ? new PolledPlay(record.Identity, trackUri, record.Title, DateTime.SpecifyKind(playedAt, DateTimeKind.Utc))
            : null;
}
