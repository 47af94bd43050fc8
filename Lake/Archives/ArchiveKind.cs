namespace Datapunk.Lake.Archives;

/// <summary>How an input file is read: as a container of entries, or as one export file.</summary>
public enum ArchiveKind
{
    SingleFile,
    Zip,
    GzippedTar,
    Tar,
}
