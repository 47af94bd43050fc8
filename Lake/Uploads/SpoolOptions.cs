namespace Datapunk.Lake.Uploads;

/// <summary>
/// Settings of the upload spool (configuration section <c>Spool</c>): the folder uploads are written
/// to, which every silo of a cluster must reach (a shared volume), and the bounds of what one user
/// may keep there.
/// </summary>
public sealed class SpoolOptions
{
    public const string Section = "Spool";

    /// <summary>The spool folder; a relative path is taken under the host's content root.</summary>
    public string Path { get; set; } = ".datapunk/spool";

    /// <summary>Most bytes one user's uploads may hold in the spool together (a new upload over it is refused with 413).</summary>
    public long MaxUserBytes { get; set; } = 256L << 30;

    /// <summary>Most unfinished uploads one user may have at once.</summary>
    public int MaxOpenUploadsPerUser { get; set; } = 100;

    /// <summary>How long an upload may stay unfinished, or finished but not imported, before it is removed.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a PATCH holds its upload without showing progress: a writer whose silo died frees the
    /// upload after this, and a writer that stalled longer can no longer move the offset.
    /// </summary>
    public TimeSpan WriterLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A PATCH syncs the file to disk and records the new offset after this many bytes at most.</summary>
    public long CheckpointBytes { get; set; } = 8L << 20;

    /// <summary>… and after this much time at most.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a silo looks for expired uploads to remove.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
