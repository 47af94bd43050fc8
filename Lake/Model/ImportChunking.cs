namespace Datapunk.Lake.Model;

/// <summary>
/// How an entry's rows are cut into merge chunks. Fixed for the life of an import (it is part of
/// the job's persisted state) because a resumed run must cut exactly the same chunks.
/// </summary>
[GenerateSerializer, Alias("import-chunking")]
public sealed record ImportChunking
{
    // Sizes measured with the import benchmark (docs/benchmarks.md): up to four chunks are alive in a
    // run (one filling, one queued, two merging), which these keep within the 300 MB memory target
    // while each merge transaction still carries enough rows that its fixed costs do not matter.

    /// <summary>Location fixes per chunk (each about 56 bytes in memory).</summary>
    [Id(0)] public int LocationRows { get; init; } = 100_000;

    /// <summary>Other records per chunk.</summary>
    [Id(1)] public int RecordRows { get; init; } = 5_000;

    /// <summary>Estimated bytes of other records per chunk (large e-mail bodies end a chunk early).</summary>
    [Id(2)] public long RecordBytes { get; init; } = 8L << 20;
}
