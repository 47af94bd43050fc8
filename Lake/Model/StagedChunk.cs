namespace Datapunk.Lake.Model;

/// <summary>
/// One chunk of an entry's rows on its way to the user's tables. Chunk boundaries depend only on
/// the sequence of rows the reader produced and the job's chunk sizes, so a re-read after a crash
/// cuts the same chunks and can skip the ones already merged.
/// </summary>
internal sealed class StagedChunk(LocationFix[] locationBuffer)
{
    private readonly HashSet<int> _months = [];

    // The precision (coordinate digits, time digits, device known) of the chunk's first fix, and
    // whether a later one differs: only a chunk that mixes them needs the fix-by-fix comparison of FixMatching.
    private int? _firstPrecision;
    private bool _mixesPrecisions;

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

    /// <summary>The variant of the entry's format, as the reader had said by the time the chunk was sealed (for the match rules).</summary>
    public string? Variant { get; set; }

    /// <summary>The chunk's rows that matched records already stored, by rule; filled in by the merge.</summary>
    public MatchCounts Matched { get; } = new();

    /// <summary>Completes when the chunk is merged (or faults with the merge's error).</summary>
    public TaskCompletionSource Merged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int RowCount => LocationCount + Records.Count;

    /// <summary>The earliest and latest fix, which bound the merge's duplicate check to the partitions and index range it needs.</summary>
    public DateTime FirstFix { get; private set; } = DateTime.MaxValue;

    public DateTime LastFix { get; private set; } = DateTime.MinValue;

    /// <summary>The earliest start and latest end of the chunk's visits and activity segments (MaxValue and MinValue when it has none).</summary>
    public DateTime FirstSpan { get; private set; } = DateTime.MaxValue;

    public DateTime LastSpan { get; private set; } = DateTime.MinValue;

    /// <summary>The time range a merge of this chunk must not share with another merge: its fixes and its visits' and segments' spans.</summary>
    public (DateTime From, DateTime Until)? MatchedRange =>
        LocationCount == 0 && FirstSpan == DateTime.MaxValue
            ? null
            : (Min(FirstFix, FirstSpan).AddSeconds(-1), Max(LastFix, LastSpan).AddSeconds(1));

    public void AddLocation(in LocationFix fix)
    {
        Locations[LocationCount++] = fix;
        FirstFix = fix.Time < FirstFix ? fix.Time : FirstFix;
        LastFix = fix.Time > LastFix ? fix.Time : LastFix;
        _months.Add(PartitionMonth.Of(fix.Time));
        var precision = fix.CoordinateDigits << 8 | fix.TimeDigits << 1 | (fix.Device is null ? 0 : 1);
        _firstPrecision ??= precision;
        _mixesPrecisions |= precision != _firstPrecision;
        Read.Add(RecordKind.LocationPoint, 1);
    }

    /// <summary>
    /// Keeps one copy of each fix the chunk holds more than once (<see cref="FixMatching"/>: exactly
    /// the same, or the same to the coarser precision when the chunk mixes precisions), the richer
    /// one in the first one's place; the others count as exact matches (one file, one format). The
    /// merge inserts without comparing a chunk's fixes with each other. Idempotent.
    /// </summary>
    public void DropRepeatedFixes()
    {
        var first = new Dictionary<FixIdentity, int>(LocationCount, FixIdentity.Comparer);
        var kept = 0;
        for (var i = 0; i < LocationCount; i++)
        {
            if (first.TryGetValue(new FixIdentity(Locations[i]), out var at))
            {
                KeepRicher(at, i);
            }
            else
            {
                first.Add(new FixIdentity(Locations[i]), kept);
                Locations[kept++] = Locations[i];
            }
        }

        if (_mixesPrecisions)
        {
            kept = DropSameFixesAcrossPrecisions(kept);
        }

        Matched.Add(MatchRule.Exact, LocationCount - kept);
        LocationCount = kept;
    }

    /// <summary>The fixes of one second compared pairwise: a chunk rarely holds more than a few per second.</summary>
    private int DropSameFixesAcrossPrecisions(int count)
    {
        var bySecond = new Dictionary<long, List<int>>();
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var second = FixMatching.WholeSecond(Locations[i].Time);
            if (!bySecond.TryGetValue(second, out var indexes))
            {
                bySecond.Add(second, indexes = []);
            }

            var match = indexes.FindIndex(k => FixMatching.AreSameFix(Locations[k], Locations[i]));
            if (match >= 0)
            {
                KeepRicher(indexes[match], i);
                continue;
            }

            indexes.Add(kept);
            Locations[kept++] = Locations[i];
        }

        return kept;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private void KeepRicher(int kept, int candidate)
    {
        if (FixMatching.CompareRichness(Locations[candidate], Locations[kept]) > 0)
        {
            Locations[kept] = Locations[candidate];
        }
    }

    public void AddRecord(in StagedRecord record)
    {
        if (record is { Kind: RecordKind.PlaceVisit or RecordKind.ActivitySegment, OccurredAt: { } start })
        {
            // Their identity is their span: a merge of the same span elsewhere must not run alongside (SameSpanElsewhere).
            var end = record.EndedAt ?? start;
            FirstSpan = start < FirstSpan ? start : FirstSpan;
            LastSpan = end > LastSpan ? end : LastSpan;
        }

        Records.Add(record);
        RecordBytes += record.EstimatedBytes;
        Read.Add(record.Kind, 1);
    }
}
