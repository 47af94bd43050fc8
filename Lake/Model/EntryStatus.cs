namespace Datapunk.Lake.Model;

/// <summary>What became of an archive entry; stored as the lower-case name in <c>imports.files.status</c>.</summary>
public enum EntryStatus
{
    /// <summary>Being read; after a crash, the entry to resume.</summary>
    Importing,

    /// <summary>Read to its end; its records are merged (those already stored counted as duplicates).</summary>
    Imported,

    /// <summary>No reader recognises the content or name; listed with its path, not read.</summary>
    Skipped,

    /// <summary>Read and refused (malformed, truncated, too large); records read before the error are kept.</summary>
    Failed,

    /// <summary>Not read: its name is unsafe (absolute or climbing out with "..").</summary>
    Rejected,

    /// <summary>Its content hash was imported before for this user; hashed, not parsed.</summary>
    Unchanged,
}
