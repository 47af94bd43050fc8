using Datapunk.Grains.Lake.Pipeline;
using Npgsql;

namespace Datapunk.Grains.Lake.Storage;

/// <summary>
/// Copies a chunk by binary COPY (<see cref="BinaryCopyWriter"/>) into UNLOGGED tables of its own (one for fixes, one for other
/// records), which the merge reads whole and which are dropped after it: cheaper than a shared
/// staging table that needs an index, a DELETE per chunk and vacuuming (docs/data-model.md).
/// Runs as the owner: staging has no row-level security (COPY FROM refuses RLS tables).
/// </summary>
internal static class StagingWriter
{
    private const string LocationColumns =
        "time timestamptz NOT NULL, lat_e7 integer NOT NULL, lng_e7 integer NOT NULL, accuracy_m integer, altitude_m integer, " +
        "velocity_mps integer, heading integer, source text";

    private const string RecordColumns =
        "kind smallint NOT NULL, identity text NOT NULL, occurred_at timestamptz, ended_at timestamptz, title text, body text, url text, " +
        "lat_e7 integer, lng_e7 integer, source jsonb";

    /// <summary>Creates and fills the chunk's staging tables; returns their names (null for a kind the chunk lacks).</summary>
    public static async Task<StagedTables> CopyAsync(NpgsqlConnection connection, StagedChunk chunk, CancellationToken cancellationToken)
    {
        long stageId;
        await using (var next = new NpgsqlCommand("SELECT nextval('imports.stage_ids')", connection))
        {
            stageId = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
        }

        var prefix = Prefix(chunk.Entry.Run.ImportId);
        var tables = new StagedTables(
            chunk.LocationCount > 0 ? $"imports.{prefix}l_{stageId}" : null,
            chunk.Records.Count > 0 ? $"imports.{prefix}r_{stageId}" : null);
        if (tables.Locations is { } locations)
        {
            await CreateAsync(connection, locations, LocationColumns, cancellationToken);
            await CopyLocationsAsync(connection, locations, chunk, cancellationToken);
        }

        if (tables.Records is { } records)
        {
            await CreateAsync(connection, records, RecordColumns, cancellationToken);
            await CopyRecordsAsync(connection, records, chunk, cancellationToken);
        }

        return tables;
    }

    /// <summary>Drops a merged chunk's staging tables.</summary>
    public static async Task DropAsync(NpgsqlConnection connection, StagedTables tables, CancellationToken cancellationToken)
    {
        var names = new[] { tables.Locations, tables.Records }.OfType<string>().ToList();
        if (names.Count > 0)
        {
            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {string.Join(", ", names)}", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Drops every staging table of an import that no merge will take (a crashed, cancelled or finished run's).</summary>
    public static async Task DeleteImportAsync(NpgsqlConnection connection, Guid importId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using (var find = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'imports' AND starts_with(tablename, $1)", connection))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = Prefix(importId) });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add($"imports.{reader.GetString(0)}");
            }
        }

        foreach (var batch in names.Chunk(100))
        {
            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {string.Join(", ", batch)}", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Staging tables of one import start with <c>s</c> and its id (32 hex digits): <c>s&lt;id&gt;l_&lt;n&gt;</c>, <c>s&lt;id&gt;r_&lt;n&gt;</c>.</summary>
    private static string Prefix(Guid importId) => $"s{importId:N}";

    private static async Task CreateAsync(NpgsqlConnection connection, string table, string columns, CancellationToken cancellationToken)
    {
        await using var create = new NpgsqlCommand($"CREATE UNLOGGED TABLE {table} ({columns})", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CopyLocationsAsync(NpgsqlConnection connection, string table, StagedChunk chunk, CancellationToken cancellationToken)
    {
        // The same fix twice in one chunk would break the merge's plain insert; it counts as a duplicate instead.
        var seen = new HashSet<(DateTime, int, int)>(chunk.LocationCount);
        await using var copy = await BinaryCopyWriter.StartAsync(
            connection, $"COPY {table} (time, lat_e7, lng_e7, accuracy_m, altitude_m, velocity_mps, heading, source) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < chunk.LocationCount; i++)
        {
            var fix = chunk.Locations[i];
            if (!seen.Add((fix.Time, fix.LatitudeE7, fix.LongitudeE7)))
            {
                continue;
            }

            await copy.StartRowAsync(8, cancellationToken);
            copy.WriteTimestamp(fix.Time);
            copy.WriteInt32(fix.LatitudeE7);
            copy.WriteInt32(fix.LongitudeE7);
            copy.WriteInt32(fix.AccuracyMeters);
            copy.WriteInt32(fix.AltitudeMeters);
            copy.WriteInt32(fix.VelocityMps);
            copy.WriteInt32(fix.Heading);
            copy.WriteText(fix.Source);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyRecordsAsync(NpgsqlConnection connection, string table, StagedChunk chunk, CancellationToken cancellationToken)
    {
        await using var copy = await BinaryCopyWriter.StartAsync(
            connection, $"COPY {table} (kind, identity, occurred_at, ended_at, title, body, url, lat_e7, lng_e7, source) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var record in chunk.Records)
        {
            await copy.StartRowAsync(10, cancellationToken);
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
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
