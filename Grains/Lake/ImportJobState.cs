using Datapunk.Lake.Model;

namespace Datapunk.Grains;

/// <summary>
/// The persisted state of an import job. The per-entry checkpoint (which entries are done, which
/// chunks of the current one are merged) lives in <c>imports.files</c> and
/// <c>imports.entry_chunks</c>, written in the same transactions as the data; this state holds
/// the job's life cycle and the figures as of its last checkpoint.
/// </summary>
[GenerateSerializer, Alias("import-job-state")]
public sealed record ImportJobState
{
    /// <summary>The state name its rows are stored under: one per grain type, so no two grain types share rows.</summary>
    public const string Name = "import-job";

    [Id(0)] public string? UserId { get; init; }

    /// <summary>What the import reports as its inputs: the names of <see cref="Inputs"/>.</summary>
    [Id(1)] public IReadOnlyList<string> Paths { get; init; } = [];

    [Id(2)] public ImportState Status { get; init; } = ImportState.Created;

    /// <summary>Null until the job is started: no import has this id.</summary>
    [Id(3)] public DateTimeOffset? CreatedAt { get; init; }

    [Id(4)] public DateTimeOffset? StartedAt { get; init; }

    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The chunk sizes this import started with; every run cuts the same chunks.</summary>
    [Id(6)] public ImportChunking Chunking { get; init; } = new();

    /// <summary>Runs that ended on an unexpected error; the import fails after a few.</summary>
    [Id(7)] public int CrashedRuns { get; init; }

    /// <summary>The figures as of the last checkpoint (final once the import is finished).</summary>
    [Id(8)] public ImportProgress? Progress { get; init; }

    [Id(9)] public string? Message { get; init; }

    /// <summary>Where each input is read and the name it is known by (empty in states stored before uploads: <see cref="Paths"/> then says both).</summary>
    [Id(10)] public IReadOnlyList<ImportInput> Inputs { get; init; } = [];

    /// <summary>The uploads the inputs are the spool files of.</summary>
    [Id(11)] public IReadOnlyList<Guid> Uploads { get; init; } = [];

    /// <summary>Whether the uploads stay in the spool after the import ends.</summary>
    [Id(12)] public bool KeepOriginals { get; init; }

    /// <summary>The inputs to read, for states stored before and after uploads alike.</summary>
    public IReadOnlyList<ImportInput> InputsToRead => Inputs.Count > 0 ? Inputs : [.. Paths.Select(ImportInput.AtPath)];
}
