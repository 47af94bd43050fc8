namespace Datapunk.Lake.Formats;

/// <summary>
/// Reads one export format from a stream, entry by entry, in bounded memory. A reader is
/// stateless and thread-safe; one instance serves every import.
/// </summary>
public interface IExportFormatReader
{
    /// <summary>A stable id, e.g. <c>google.location.records</c>, recorded as each record's provenance.</summary>
    string FormatId { get; }

    /// <summary>
    /// True when the entry's file name says which record its content describes, so the same bytes
    /// under two names are two entries to import (Photos sidecars); the ledger then matches an entry
    /// imported before only under the same name. False for formats whose content names its records.
    /// </summary>
    bool PathCarriesMeaning => false;

    /// <summary>Looks at the entry's path and first bytes; content shape first, file name second.</summary>
    FormatMatch Detect(EntrySample sample);

    /// <summary>
    /// Reads the whole entry into <paramref name="sink"/>. Malformed content that makes the rest of
    /// the entry unreadable throws <see cref="ExportFormatException"/> with the byte offset.
    /// </summary>
    Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken);
}
