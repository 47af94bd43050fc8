namespace Datapunk.Grains;

/// <summary>
/// One import, keyed by import id, from start to finish: it scans the inputs, parses and loads
/// every entry, checkpoints as it goes and resumes on another silo if its silo dies. Started and
/// listed through the owner's <see cref="IUserGrain"/>.
/// </summary>
[Alias("import-job")]
public interface IImportJobGrain : IGrainWithGuidKey
{
    /// <summary>Starts the import once; calling it again returns the progress of the import already started.</summary>
    [Alias("StartAsync")]
    Task<ImportProgress> StartAsync(StartImport request);

    /// <summary>State, files, bytes, records by kind, rate, ETA and errors; null when no import has this id.</summary>
    [Alias("GetStatusAsync")]
    Task<ImportProgress?> GetStatusAsync();

    /// <summary>
    /// The report per file, in the order the files were met: every entry with its outcome, so skipped
    /// (unrecognised) files are listed with their path. <paramref name="status"/> filters by outcome;
    /// at most <see cref="ImportFileReport.MaxPerPage"/> from <paramref name="offset"/>.
    /// </summary>
    [Alias("GetFilesAsync")]
    Task<IReadOnlyList<ImportFileReport>> GetFilesAsync(string? status, int offset);

    /// <summary>Stops a running import; records merged so far stay. Returns the final progress.</summary>
    [Alias("CancelAsync")]
    Task<ImportProgress?> CancelAsync();
}
