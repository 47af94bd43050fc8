using System.Buffers.Binary;
using Datapunk.Lake.Model;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Binary COPY (<see cref="BinaryCopyWriter"/>) of a chunk's rows, inside the chunk's merge
/// transaction: into temporary tables that the merge reads whole and that vanish at its commit or
/// rollback (nothing to name, drop or clean up after a crash), or for fixes straight into
/// <c>timeseries.location_points</c> when nothing can conflict (see <see cref="LocationMerge"/>).
/// Temporary tables have no row-level security, which COPY FROM refuses; the merge copies their
/// rows into the RLS-protected tables under the user's id.
/// </summary>
internal static class StagingWriter
{
    public const string StagedFixes = "chunk_fixes";

    public const string StagedRecords = "chunk_records";

    private const string FixColumns = "time, lat_e7, lng_e7, accuracy_m, altitude_m, velocity_mps, heading, source, coord_digits, time_digits, device";

    private const string FixColumnTypes =
        "time timestamptz NOT NULL, lat_e7 integer NOT NULL, lng_e7 integer NOT NULL, accuracy_m integer, altitude_m integer, " +
        "velocity_mps integer, heading integer, source text, coord_digits smallint NOT NULL, time_digits smallint NOT NULL, device integer, " +
        "ord integer NOT NULL";

    private const string RecordColumnTypes =
        "kind smallint NOT NULL, identity text NOT NULL, occurred_at timestamptz, ended_at timestamptz, title text, body text, url text, " +
        "lat_e7 integer, lng_e7 integer, source jsonb, ord integer NOT NULL";

    // A position in PostGIS's extended WKB: little-endian, type Point with the SRID flag, SRID 4326, x (longitude), y (latitude).
    private const uint PointWithSrid = 0x2000_0001;
    private const int Wgs84 = 4326;

    /// <summary>Copies the chunk's fixes into the temporary table <see cref="StagedFixes"/>.</summary>
    public static async Task StageFixesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StagedChunk chunk, CancellationToken cancellationToken)
    {
        await CreateAsync(connection, transaction, StagedFixes, FixColumnTypes, cancellationToken);
        await using var copy = await BinaryCopyWriter.StartAsync(connection, $"COPY {StagedFixes} ({FixColumns}, ord) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < chunk.LocationCount; i++)
        {
            await copy.StartRowAsync(12, cancellationToken);
            WriteFix(copy, chunk.Locations[i]);
            copy.WriteInt32(i);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Copies the chunk's fixes straight into <c>timeseries.location_points</c>, position included;
    /// returns how many. The caller runs it as the role that bypasses row-level security
    /// (<see cref="RowSecurityBypass.CopyRole"/>), so the user id written is the run's, as in the staged merge.
    /// </summary>
    public static async Task<int> CopyFixesIntoStoreAsync(NpgsqlConnection connection, StagedChunk chunk, CancellationToken cancellationToken)
    {
        var userId = chunk.Entry.Run.UserId;
        var fileId = chunk.Entry.FileId;
        var position = new byte[25];
        position[0] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(position.AsSpan(1), PointWithSrid);
        BinaryPrimitives.WriteInt32LittleEndian(position.AsSpan(5), Wgs84);
        await using var copy = await BinaryCopyWriter.StartAsync(
            connection, $"COPY timeseries.location_points (user_id, {FixColumns}, file_id, position) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < chunk.LocationCount; i++)
        {
            var fix = chunk.Locations[i];
            await copy.StartRowAsync(14, cancellationToken);
            copy.WriteText(userId);
            WriteFix(copy, fix);
            copy.WriteInt64(fileId);

            // The same doubles as the staged merge's ST_MakePoint(lng_e7 / 1e7::float8, lat_e7 / 1e7::float8).
            BinaryPrimitives.WriteDoubleLittleEndian(position.AsSpan(9), fix.LongitudeE7 / 1e7);
            BinaryPrimitives.WriteDoubleLittleEndian(position.AsSpan(17), fix.LatitudeE7 / 1e7);
            copy.WriteBytes(position);
        }

        await copy.CompleteAsync(cancellationToken);
        return chunk.LocationCount;
    }

    /// <summary>Copies the chunk's other records into the temporary table <see cref="StagedRecords"/>.</summary>
    public static async Task StageRecordsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StagedChunk chunk, CancellationToken cancellationToken)
    {
        await CreateAsync(connection, transaction, StagedRecords, RecordColumnTypes, cancellationToken);
        await using var copy = await BinaryCopyWriter.StartAsync(
            connection, $"COPY {StagedRecords} (kind, identity, occurred_at, ended_at, title, body, url, lat_e7, lng_e7, source, ord) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        var ord = 0;
        foreach (var record in chunk.Records)
        {
            await copy.StartRowAsync(11, cancellationToken);
            copy.WriteInt16((short)record.Kind);
            copy.WriteText(record.Identity);
            copy.WriteTimestamp(record.OccurredAt);
            copy.WriteTimestamp(record.EndedAt);
            copy.WriteText(record.Title);
            copy.WriteText(record.Text);
            copy.WriteText(record.Url);
            copy.WriteInt32(record.LatitudeE7);
            copy.WriteInt32(record.LongitudeE7);
            copy.WriteJsonb(record.SourceJson);
            copy.WriteInt32(ord++);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static void WriteFix(BinaryCopyWriter copy, in LocationFix fix)
    {
        copy.WriteTimestamp(fix.Time);
        copy.WriteInt32(fix.LatitudeE7);
        copy.WriteInt32(fix.LongitudeE7);
        copy.WriteInt32(fix.AccuracyMeters);
        copy.WriteInt32(fix.AltitudeMeters);
        copy.WriteInt32(fix.VelocityMps);
        copy.WriteInt32(fix.Heading);
        copy.WriteText(fix.Source);
        copy.WriteInt16(fix.CoordinateDigits);
        copy.WriteInt16(fix.TimeDigits);
        copy.WriteInt32(fix.Device);
    }

    private static Task CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string columns, CancellationToken cancellationToken) =>
        SqlStatements.ExecuteAsync(connection, transaction, $"CREATE TEMPORARY TABLE {table} ({columns}) ON COMMIT DROP", cancellationToken);
}
