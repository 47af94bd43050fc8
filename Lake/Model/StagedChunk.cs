namespace Datapunk.Lake.Model;

/// <summary>
/// One chunk of an entry's rows on its way to the user's tables. Chunk boundaries depend only on
/// the sequence of rows the reader produced and the job's chunk sizes, so a re-read after a crash
/// cuts the same chunks and can skip the ones already merged.
/// </summary>
internal sealed class StagedChunk(LocationFix[] locationBuffer)
{
    private readonly HashSet<int> _months = [];

    public required ImportEntryContext Entry { get; init; }

    public required int ChunkNo { get; init; }

    public LocationFix[] Locations { get; } = locationBuffer;

    public int LocationCount { get; private set; }

    public List<StagedRecord> Records { get; } = [];

    public long RecordBytes { get; private set; }

    /// <summary>Months (year × 12 + month − 1) the fixes fall in: the partitions the merge needs.</summary>
    public IReadOnlyCollection<int> Months => _months;

    /// <summary>Rows of each kind in this chunk (what the reader produced and validation kept).</summary>
    public KindCounts Read { get; } = new();

    /// <summary>The chunk's rows that matched records already stored, by rule; filled in by the merge.</summary>
    public MatchCounts Matched { get; } = new();

    /// <summary>Completes when the chunk is merged (or faults with the merge's error).</summary>
    public TaskCompletionSource Merged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int RowCount => LocationCount + Records.Count;

    /// <summary>The earliest and latest fix, which bound the merge's duplicate check to the partitions and index range it needs.</summary>
    public DateTime FirstFix { get; private set; } = DateTime.MaxValue;

    public DateTime LastFix { get; private set; } = DateTime.MinValue;

    public void AddLocation(in LocationFix fix)
    {
        Locations[LocationCount++] = fix;
        FirstFix = fix.Time < FirstFix ? fix.Time : FirstFix;
        LastFix = fix.Time > LastFix ? fix.Time : LastFix;
        _months.Add(PartitionMonth.Of(fix.Time));
        Read.Add(RecordKind.LocationPoint, 1);
    }

    /// <summary>
    /// Keeps the first of each fix the chunk holds more than once (same time and position), which
    /// counts as a duplicate: the merge inserts without a conflict check. Idempotent.
    /// </summary>
    public void DropRepeatedFixes()
    {
        var seen = new HashSet<FixIdentity>(LocationCount, FixIdentity.Comparer);
        var kept = 0;
        for (var i = 0; i < LocationCount; i++)
        {
            if (seen.Add(new FixIdentity(Locations[i])))
            {
                Locations[kept++] = Locations[i];
            }
        }

        LocationCount = kept;
    }

    public void AddRecord(in StagedRecord record)
    {
        Records.Add(record);
        RecordBytes += record.EstimatedBytes;
        Read.Add(record.Kind, 1);
    }
}
