using Datapunk.Lake.Model;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Stores a chunk's fixes inside the chunk's merge transaction, the cheapest way that is exact, and
/// says which stored fixes they matched (<see cref="FixMatching"/>, the same rule in SQL):
///
/// - When the user has no fix yet in the chunk's time range (a first import, or an export's new
///   months) and the import writer's login may switch to the role that bypasses row-level security
///   (<see cref="RowSecurityBypass"/>), the fixes are copied straight into
///   <c>timeseries.location_points</c>: measured 1.74 s per million fixes against 2.15 s for
///   staging and merging. A fix stored meanwhile by a concurrent merge of the same user makes the
///   unique index refuse the copy, which rolls back to a savepoint and takes the next way.
/// - Otherwise the fixes are staged; each is paired with the stored fix it is the same as (a hash
///   join on the whole second, then the rule's tolerances), those without a pair are inserted,
///   the stored fixes a richer copy arrived for take that copy's values, and the pairs are counted
///   by the format of the stored fix's file (<see cref="MatchRules.Between"/>).
///
/// Repeated fixes inside the chunk were dropped before (<see cref="StagedChunk.DropRepeatedFixes"/>).
/// Chunks whose time ranges overlap are never merged at once (<see cref="Pipeline.MergeRangeGate"/>),
/// so no concurrent merge can store a fix this one should have matched.
/// </summary>
internal static class LocationMerge
{
    private const string AnyStored = """
        SELECT EXISTS (SELECT 1 FROM timeseries.location_points WHERE user_id = $1 AND time >= $2 AND time < $3)
        """;

    // Twice the largest coordinate difference in E7 units, by the fewer decimals of the two fixes.
    private const string DoubledTolerance =
        "('{10000000,1000000,100000,10000,1000,100,10,1}'::bigint[])[least(t.coord_digits, s.coord_digits, 7) + 1]";

    // One stored fix per staged fix: the exactly equal one if any, else the richest.
    private static readonly string PairStaged = $"""
        CREATE TEMPORARY TABLE chunk_pairs ON COMMIT DROP AS
        SELECT DISTINCT ON (s.ord)
               s.ord, t.time AS t_time, t.lat_e7 AS t_lat, t.lng_e7 AS t_lng, t.device AS t_device, t.file_id AS t_file,
               ROW(s.coord_digits, s.time_digits, {Known.Staged}, coalesce(t.accuracy_m, 2147483647), t.time, t.lat_e7, t.lng_e7,
                   coalesce(t.source, '') COLLATE "C", coalesce(t.device, -1))
             > ROW(t.coord_digits, t.time_digits, {Known.Stored}, coalesce(s.accuracy_m, 2147483647), s.time, s.lat_e7, s.lng_e7,
                   coalesce(s.source, '') COLLATE "C", coalesce(s.device, -1)) AS richer
        FROM {StagingWriter.StagedFixes} s
        JOIN timeseries.location_points t
          ON t.user_id = $1 AND t.time >= $3 AND t.time < $4
         AND date_trunc('second', t.time) = date_trunc('second', s.time)
        WHERE (t.device IS NULL OR s.device IS NULL OR t.device = s.device)
          AND (t.time = s.time OR t.time_digits < 3 OR s.time_digits < 3)
          AND 2 * abs(t.lat_e7::bigint - s.lat_e7) <= {DoubledTolerance}
          AND 2 * abs(t.lng_e7::bigint - s.lng_e7) <= {DoubledTolerance}
        ORDER BY s.ord, (t.time = s.time AND t.lat_e7 = s.lat_e7 AND t.lng_e7 = s.lng_e7) DESC,
                 t.coord_digits DESC, t.time_digits DESC, t.time, t.lat_e7, t.lng_e7, coalesce(t.device, -1)
        """;

    private const string InsertColumns =
        "user_id, time, lat_e7, lng_e7, accuracy_m, altitude_m, velocity_mps, heading, source, coord_digits, time_digits, device, file_id, position";

    private const string StagedValues = """
        $1, s.time, s.lat_e7, s.lng_e7, s.accuracy_m, s.altitude_m, s.velocity_mps, s.heading, s.source, s.coord_digits, s.time_digits, s.device, $2,
        ST_SetSRID(ST_MakePoint(s.lng_e7 / 1e7::float8, s.lat_e7 / 1e7::float8), 4326)::geography
        """;

    private const string InsertUnpaired = $"""
        INSERT INTO timeseries.location_points ({InsertColumns})
        SELECT {StagedValues}
        FROM {StagingWriter.StagedFixes} s
        WHERE NOT EXISTS (SELECT 1 FROM chunk_pairs p WHERE p.ord = s.ord)
        """;

    private const string InsertUnpairedOnConflict = InsertUnpaired + """

        ON CONFLICT DO NOTHING
        """;

    // A stored fix that richer staged copies matched takes the richest of them whole (provenance included).
    private static readonly string TakeRicherCopies = $"""
        UPDATE timeseries.location_points t
        SET time = u.time, lat_e7 = u.lat_e7, lng_e7 = u.lng_e7, accuracy_m = u.accuracy_m, altitude_m = u.altitude_m,
            velocity_mps = u.velocity_mps, heading = u.heading, source = u.source, coord_digits = u.coord_digits,
            time_digits = u.time_digits, device = u.device, file_id = $2,
            position = ST_SetSRID(ST_MakePoint(u.lng_e7 / 1e7::float8, u.lat_e7 / 1e7::float8), 4326)::geography
        FROM (SELECT DISTINCT ON (p.t_time, p.t_lat, p.t_lng, p.t_device) s.*, p.t_time, p.t_lat, p.t_lng, p.t_device
              FROM chunk_pairs p JOIN {StagingWriter.StagedFixes} s ON s.ord = p.ord
              WHERE p.richer
              ORDER BY p.t_time, p.t_lat, p.t_lng, p.t_device, s.coord_digits DESC, s.time_digits DESC, {Known.Staged} DESC,
                       coalesce(s.accuracy_m, 2147483647), s.time, s.lat_e7, s.lng_e7, coalesce(s.source, '') COLLATE "C", coalesce(s.device, -1)) u
        WHERE t.user_id = $1 AND t.time = u.t_time AND t.lat_e7 = u.t_lat AND t.lng_e7 = u.t_lng AND t.device IS NOT DISTINCT FROM u.t_device
          AND t.time >= $3 AND t.time < $4
        """;

    private const string CountPairsByFormat = """
        SELECT p.t_file, f.format_id, f.variant, count(*)
        FROM chunk_pairs p LEFT JOIN imports.files f ON f.file_id = p.t_file
        GROUP BY 1, 2, 3
        """;

    // Freshly loaded partitions have no statistics yet; left alone, the planner would probe them
    // with a nested loop over sequential scans. A hash join over the user's index range is right
    // whatever the statistics say. The pairing truncates times to the second in the session's time
    // zone: UTC, where that is a fifth of the cost of date_trunc with a zone argument (and no zone
    // with an offset in seconds can shift a second's boundary).
    private const string HashJoinPlan =
        "SELECT set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('enable_seqscan', 'off', true), " +
        "set_config('TimeZone', 'UTC', true)";

    /// <summary>
    /// Stores the chunk's fixes not stored yet; returns how many it inserted and adds what the others
    /// matched to <paramref name="matched"/>. <paramref name="copyDirectly"/> says whether the
    /// connection's login may copy as the role that bypasses row-level security (<see cref="RowSecurityBypass"/>).
    /// </summary>
    public static async Task<int> MergeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StagedChunk chunk, bool copyDirectly, MatchesByFile matched, CancellationToken cancellationToken)
    {
        var range = MatchRange.Of(chunk);
        if (copyDirectly && !await AnyStoredAsync(connection, transaction, chunk, range, cancellationToken))
        {
            await transaction.SaveAsync("direct", cancellationToken);
            try
            {
                // The COPY alone runs as the role that bypasses row-level security (COPY FROM refuses tables with it), which may
                // insert fixes and read nothing; then back to the application's role.
                await SqlStatements.ExecuteAsync(connection, transaction, $"SET LOCAL ROLE {RowSecurityBypass.CopyRole}", cancellationToken);
                var copied = await StagingWriter.CopyFixesIntoStoreAsync(connection, chunk, cancellationToken);
                await SqlStatements.ExecuteAsync(connection, transaction, $"SET LOCAL ROLE {UserDataScope.ApplicationRole}", cancellationToken);
                return copied;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await transaction.RollbackAsync("direct", cancellationToken);
            }
        }

        await StagingWriter.StageFixesAsync(connection, transaction, chunk, cancellationToken);
        await SqlStatements.ExecuteAsync(connection, transaction, HashJoinPlan, cancellationToken);
        await ExecuteAsync(connection, transaction, PairStaged, chunk, range, cancellationToken);
        var inserted = await InsertUnpairedAsync(connection, transaction, chunk, range, cancellationToken);
        await ExecuteAsync(connection, transaction, TakeRicherCopies, chunk, range, cancellationToken);
        var paired = await CountPairsAsync(connection, transaction, matched, cancellationToken);

        // Rows a concurrent merge stored first (the ON CONFLICT fallback) were the same fix exactly.
        matched.AddRepeats(chunk.LocationCount - inserted - paired);
        return inserted;
    }

    private static async Task<bool> AnyStoredAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StagedChunk chunk, MatchRange range, CancellationToken cancellationToken)
    {
        await using var probe = new NpgsqlCommand(AnyStored, connection, transaction);
        probe.Parameters.Add(new NpgsqlParameter { Value = chunk.Entry.Run.UserId });
        probe.Parameters.Add(new NpgsqlParameter { Value = range.From });
        probe.Parameters.Add(new NpgsqlParameter { Value = range.Until });
        return (bool)(await probe.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<int> InsertUnpairedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StagedChunk chunk, MatchRange range, CancellationToken cancellationToken)
    {
        await transaction.SaveAsync("unpaired", cancellationToken);
        try
        {
            return await ExecuteAsync(connection, transaction, InsertUnpaired, chunk, range, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync("unpaired", cancellationToken);
        }

        return await ExecuteAsync(connection, transaction, InsertUnpairedOnConflict, chunk, range, cancellationToken);
    }

    private static async Task<int> CountPairsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, MatchesByFile matched, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CountPairsByFormat, connection, transaction);
        return (int)await matched.AddAsync(command, cancellationToken);
    }

    /// <summary>Runs a statement with the merge's parameters: $1 the user, $2 the file, $3 and $4 the range of stored times a staged fix can match.</summary>
    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, StagedChunk chunk, MatchRange range, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Entry.Run.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = chunk.Entry.FileId });
        command.Parameters.Add(new NpgsqlParameter { Value = range.From });
        command.Parameters.Add(new NpgsqlParameter { Value = range.Until });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>SQL counting the known optional fields of the staged (s) or stored (t) fix, as <see cref="FixMatching.KnownFields"/>.</summary>
    private static class Known
    {
        private static readonly string[] Fields = ["accuracy_m", "altitude_m", "velocity_mps", "heading", "source", "device"];

        public static readonly string Staged = Of("s");

        public static readonly string Stored = Of("t");

        private static string Of(string fix) => "(" + string.Join(" + ", Fields.Select(field => $"({fix}.{field} IS NOT NULL)::int")) + ")";
    }

    /// <summary>
    /// The stored times the chunk's fixes can match: from the whole second of the first to the end of
    /// the second of the last (a fix written in whole seconds matches any millisecond of its second).
    /// </summary>
    private readonly record struct MatchRange(DateTime From, DateTime Until)
    {
        public static MatchRange Of(StagedChunk chunk) => new(
            new DateTime(FixMatching.WholeSecond(chunk.FirstFix), DateTimeKind.Utc),
            new DateTime(FixMatching.WholeSecond(chunk.LastFix) + TimeSpan.TicksPerSecond, DateTimeKind.Utc));
    }
}
