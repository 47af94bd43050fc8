using System.Text.Json;

namespace Datapunk.Lake.Formats.DatapunkExport;

/// <summary>
/// Checks an export's <c>manifest.json</c>: a Datapunk export of a version this code reads, listing
/// its files with their checksums. The figures themselves are checked file by file, against each
/// file's end line, which repeats them (<see cref="ExportFileParser"/>).
/// </summary>
internal static class ExportManifestCheck
{
    /// <summary>A manifest lists a few dozen files; anything this large is not one.</summary>
    private const int MaxManifestBytes = 4 << 20;

    public static async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        sink.SetVariant("manifest");
        using var bounded = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (bounded.Length + read > MaxManifestBytes)
            {
                throw new ExportFormatException($"{sink.EntryPath} is larger than {MaxManifestBytes:N0} bytes: not a Datapunk export manifest.", bounded.Length);
            }

            bounded.Write(buffer, 0, read);
        }

        ExportManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ExportManifest>(bounded.ToArray(), ExportManifest.Json);
        }
        catch (JsonException exception)
        {
            throw new ExportFormatException(
                $"{sink.EntryPath} is not a readable Datapunk export manifest ({exception.Message}): the export is damaged", exception.BytePositionInLine ?? 0, exception);
        }

        Check(manifest, sink.EntryPath);
    }

    private static void Check(ExportManifest? manifest, string path)
    {
        if (manifest is null || manifest.Format != DatapunkExportFormat.Name)
        {
            throw new ExportFormatException($"{path} does not say \"format\": \"{DatapunkExportFormat.Name}\".");
        }

        if (manifest.Version is < 1 or > DatapunkExportFormat.Version)
        {
            throw new ExportFormatException(
                $"{path} is a Datapunk export of version {manifest.Version}; this Datapunk reads versions 1 to {DatapunkExportFormat.Version}. Update Datapunk to import it.");
        }

        if (manifest.Files is null || manifest.Files.Any(file => file.Sha256 is not { Length: 64 } || file.Records < 0 || string.IsNullOrEmpty(file.Path)))
        {
            throw new ExportFormatException($"{path} lists a file without a path, a line count or a SHA-256: the export is damaged.");
        }
    }
}
