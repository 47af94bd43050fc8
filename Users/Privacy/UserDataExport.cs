using System.Data;
using System.IO.Compression;
using System.Text.Json;
using Datapunk.Lake.Formats.DatapunkExport;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Users.Privacy;

/// <summary>
/// Writes all of one user's data as a Datapunk export (<see cref="DatapunkExportFormat"/>): a zip
/// with a JSON Lines file per record kind, the location fixes and the import history, and
/// <c>manifest.json</c>. Everything is read in one REPEATABLE READ transaction under the user's
/// row-level security, so the files are one consistent snapshot and nobody else's row can be in
/// them; rows stream from the server into the zip entry, never a whole kind in memory. A masked
/// export (one to share) writes every text value, in columns and inside jsonb, through
/// <see cref="ExportMasking"/>, and says so in its manifest.
/// </summary>
public static class UserDataExport
{
    public static async Task<ExportManifest> WriteAsync(
        NpgsqlDataSource dataSource, string userId, Stream output, CancellationToken cancellationToken, bool masked = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, IsolationLevel.RepeatableRead, cancellationToken);
        var exportedAt = await ScalarAsync<DateTime>(connection, transaction, "SELECT now()", cancellationToken);
        var contents = new List<ExportedContent> { ExportedContent.LocationPoints };
        contents.AddRange(await RecordKindsAsync(connection, transaction, cancellationToken));
        contents.AddRange([ExportedContent.ImportJobs, ExportedContent.ImportFiles, ExportedContent.FileMatches]);

        var files = new List<ExportManifestFile>();
        var masking = masked ? new ExportMasking() : null;
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var content in contents)
            {
                if (await WriteFileAsync(archive, connection, transaction, userId, content, masking, cancellationToken) is { } file)
                {
                    files.Add(file);
                }
            }

            var manifest = new ExportManifest(DatapunkExportFormat.Name, DatapunkExportFormat.Version, userId, new DateTimeOffset(exportedAt, TimeSpan.Zero), files)
            {
                PiiMasked = masked ? true : null,
            };
            await using var manifestEntry = archive.CreateEntry(DatapunkExportFormat.ManifestPath, CompressionLevel.Optimal).Open();
            await JsonSerializer.SerializeAsync(manifestEntry, manifest, ExportManifest.Json, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return manifest;
        }
    }

    /// <summary>Every kind but location fixes (kind 0, which have their own table), as user_data.record_kinds names them.</summary>
    private static async Task<IReadOnlyList<ExportedContent>> RecordKindsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var kinds = new List<ExportedContent>();
        await using var command = new NpgsqlCommand("SELECT kind, name FROM user_data.record_kinds WHERE kind <> 0 ORDER BY kind", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            kinds.Add(ExportedContent.Records(reader.GetInt16(0), reader.GetString(1)));
        }

        return kinds;
    }

    /// <summary>Writes one content's file, or nothing when the user has no rows of it.</summary>
    private static async Task<ExportManifestFile?> WriteFileAsync(
        ZipArchive archive, NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, ExportedContent content,
        ExportMasking? masking, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(content.Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        foreach (var parameter in content.Parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        // Npgsql hands rows over as they arrive from the server: nothing is buffered beyond the current row.
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        await using var entry = archive.CreateEntry(DatapunkExportFormat.PathOf(content.Content, content.Kind), CompressionLevel.Optimal).Open();
        using var file = new ExportFileWriter(entry, content.Content, content.Kind);
        do
        {
            ExportedColumns.Write(reader, file.Json, masking);
            await file.EndRowAsync(cancellationToken);
        }
        while (await reader.ReadAsync(cancellationToken));

        return await file.FinishAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
