namespace Datapunk.Lake.Formats;

/// <summary>
/// Reads one export format from a stream, entry by entry, in bounded memory. A reader is
/// stateless and thread-safe; one instance serves every import.
/// </summary>
public interface IExportFormatReader
{
    /// <summary>A stable id, e.g. <c>google.location.records</c>, recorded as each record's provenance.</summary>
    string FormatId { get; }

    /// <summary>Looks at the entry's path and first bytes; content shape first, file name second.</summary>
    FormatMatch Detect(EntrySample sample);

    /// <summary>
    /// Reads the whole entry into <paramref name="sink"/>. Malformed content that makes the rest of
    /// the entry unreadable throws <see cref="ExportFormatException"/> with the byte offset.
    /// </summary>
    Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken);
}
