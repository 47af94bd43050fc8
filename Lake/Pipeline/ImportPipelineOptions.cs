using Datapunk.Lake.Model;

namespace Datapunk.Lake.Pipeline;

/// <summary>Settings of the import pipeline (configuration section <c>Lake:Import</c>).</summary>
public sealed class ImportPipelineOptions
{
    public const string Section = "Lake:Import";

    /// <summary>Chunk sizes given to new imports (an import keeps the sizes it started with).</summary>
    public ImportChunking Chunking { get; set; } = new();

    /// <summary>Chunks merged at once, each on its own connection.</summary>
    public int MergeWorkers { get; set; } = 2;

    /// <summary>
    /// Inputs (archive parts) read at once, each by a reader thread of its own sharing the merge
    /// workers. Two measured 18 % faster than one on a two-part Takeout on 2 cores (the second
    /// reader fills the gaps while the first waits for merges; docs/benchmarks.md).
    /// </summary>
    public int ParallelInputs { get; set; } = 2;

    /// <summary>Sealed chunks that may wait for a merge worker before the reader blocks.</summary>
    public int MergeQueueCapacity { get; set; } = 1;

    /// <summary>How often a running import persists its figures in the job grain's state.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Period of the reminder that restarts an import on another silo when its silo dies (Orleans' minimum
    /// reminder period is one minute unless the silo lowers it; any call to the job, such as a status
    /// request, resumes it at once).
    /// </summary>
    public TimeSpan ResumeReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Runs that may fail on an unexpected error (database gone, …) before the import is marked failed.</summary>
    public int MaxRunAttempts { get; set; } = 3;

    /// <summary>Limits against zip bombs and oversized inputs.</summary>
    public Archives.ArchiveLimits Limits { get; set; } = Archives.ArchiveLimits.Default;

    /// <summary>
    /// How long background work derived from stored data (embeddings, local times, the catalog, model training)
    /// waits for the imports running in its process before it runs beside them (<see cref="ImportActivity"/>).
    /// </summary>
    public TimeSpan BackgroundYieldLimit { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long after the last import in its process ended that background derivations still wait, for the next import of a series.</summary>
    public TimeSpan BackgroundQuietPeriod { get; set; } = TimeSpan.FromSeconds(10);
}
