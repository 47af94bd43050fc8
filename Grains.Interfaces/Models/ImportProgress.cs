namespace Datapunk.Grains;

/// <summary>
/// An import as its job grain reports it: state, files, bytes and records so far, rate, ETA and
/// per-file errors; once finished, the final figures (docs/import.md defines every count).
/// </summary>
[GenerateSerializer, Immutable, Alias("import-progress")]
public sealed record ImportProgress
{
    [Id(0)] public required Guid ImportId { get; init; }

    [Id(1)] public required string UserId { get; init; }

    [Id(2)] public required ImportState Status { get; init; }

    [Id(3)] public required IReadOnlyList<string> Paths { get; init; }

    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    [Id(5)] public DateTimeOffset? StartedAt { get; init; }

    [Id(6)] public DateTimeOffset? FinishedAt { get; init; }

    [Id(7)] public ImportFileCounts Files { get; init; } = ImportFileCounts.None;

    /// <summary>Uncompressed bytes of the entries finished so far.</summary>
    [Id(8)] public long BytesDone { get; init; }

    /// <summary>Uncompressed bytes of all entries, when the inputs say (zip, folders, single files).</summary>
    [Id(9)] public long? BytesTotal { get; init; }

    /// <summary>Distinct new records stored, by kind name (<c>location_points</c>, …); every kind is present.</summary>
    [Id(10)] public IReadOnlyDictionary<string, long> Records { get; init; } = new Dictionary<string, long>();

    /// <summary>Records read that were already stored (by this import or an earlier one), unchanged entries included.</summary>
    [Id(11)] public long Duplicates { get; init; }

    /// <summary>
    /// The duplicates by the rule that matched them with a stored record, by rule name (<c>exact</c>,
    /// <c>cross_format</c>, <c>cross_source</c>); every rule is present.
    /// </summary>
    [Id(20)] public IReadOnlyDictionary<string, long> Matched { get; init; } = new Dictionary<string, long>();

    /// <summary>Records read but not stored, by reason name (<c>time_in_future</c>, …); only the reasons that occurred, so possibly empty.</summary>
    [Id(21)] public IReadOnlyDictionary<string, long> RejectedRecords { get; init; } = new Dictionary<string, long>();

    /// <summary>Distinct (file, field path) pairs a reader did not know.</summary>
    [Id(12)] public long UnknownFields { get; init; }

    /// <summary>Records read per second over the last few seconds.</summary>
    [Id(13)] public double RecordsPerSecond { get; init; }

    [Id(14)] public double? EtaSeconds { get; init; }

    /// <summary>The entry being read now, while parsing.</summary>
    [Id(15)] public string? CurrentFile { get; init; }

    [Id(16)] public IReadOnlyList<ImportFileError> Errors { get; init; } = [];

    /// <summary>Wall-clock seconds from start to finish (or to now while running).</summary>
    [Id(17)] public double Seconds { get; init; }

    /// <summary>The highest resident memory of a silo process that ran this import, sampled while it ran.</summary>
    [Id(18)] public long PeakMemoryBytes { get; init; }

    /// <summary>Why the import failed or was cancelled.</summary>
    [Id(19)] public string? Message { get; init; }
}
