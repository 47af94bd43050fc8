using System.Text.Encodings.Web;
using System.Text.Json;
using Datapunk.Lake.Formats;
using Datapunk.Lake.Model;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// The sink a format reader writes one entry into. Validates rows (refusing, with a reason, fixes off
/// the map or out of time and records without an identity), cuts them into chunks of the
/// job's fixed sizes and hands each sealed chunk to the merges (blocking the reader while they are
/// behind). Chunks an earlier run already merged are counted and dropped instead.
/// </summary>
internal sealed class ChunkingSink(
    ImportEntryContext entry, string entryPath, IChunkDispatcher dispatcher, ChunkBufferPool buffers, IReadOnlySet<int> mergedChunks,
    ImportProgressTracker progress, CancellationToken cancellationToken) : IImportSink
{
    /// <summary>Unknown fields kept per entry; a file with thousands of odd keys is drift enough.</summary>
    public const int MaxUnknownFields = 200;

    public const int MaxWarningExamples = 5;

    /// <summary>Fixes outside these times are dropped with a warning: they are clock errors, and would each create a partition.</summary>
    public static readonly DateTime EarliestFix = new(1970, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions SourceJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly DateTime _latestFix = DateTime.UtcNow.AddDays(2);
    private readonly List<Task> _dispatched = [];
    private readonly Dictionary<string, string> _unknownFields = new(StringComparer.Ordinal);
    private readonly List<string> _warningExamples = [];
    private readonly RejectedRecords _rejected = new();
    private StagedChunk? _current;
    private int _nextChunkNo;

    /// <summary>Rows the reader handed over so far, stored or not: an example's position in the entry.</summary>
    private long _offered;

    public string EntryPath => entryPath;

    public string? Variant { get; private set; }

    public int Warnings { get; private set; }

    public IReadOnlyList<string> WarningExamples => _warningExamples;

    public IReadOnlyDictionary<string, string> UnknownFields => _unknownFields;

    /// <summary>Records refused, by reason: the reader's and the sink's own validation.</summary>
    public RejectedRecords Rejected => _rejected;

    public void AddLocation(in LocationFix fix)
    {
        _offered++;
        var time = fix.Time.Kind switch
        {
            DateTimeKind.Utc => fix.Time,
            DateTimeKind.Local => fix.Time.ToUniversalTime(),
            _ => DateTime.SpecifyKind(fix.Time, DateTimeKind.Utc),
        };
        if (RejectionOf(fix, time) is { } reason)
        {
            Reject(reason, $"the fix at {time:O} ({fix.Latitude}, {fix.Longitude})");
            return;
        }

        var source = TextSanitizer.Clean(fix.Source);
        var chunk = Current();
        chunk.AddLocation(time == fix.Time && ReferenceEquals(source, fix.Source) ? fix : fix with { Time = time, Source = source });
        if (chunk.LocationCount >= entry.Run.Chunking.LocationRows)
        {
            Seal();
        }
    }

    public void AddRecord(PersonalRecord record)
    {
        if (record.Kind == RecordKind.LocationPoint)
        {
            // A fix is a fix, however a reader spelled it: it goes where fixes are counted and de-duplicated.
            if (record is { OccurredAt: { } time, LatitudeE7: { } lat, LongitudeE7: { } lng })
            {
                AddLocation(new LocationFix(time, lat, lng));
            }
            else
            {
                _offered++;
                Reject(record.OccurredAt is null ? RejectReason.MissingTime : RejectReason.MissingCoordinates, "a location record");
            }

            return;
        }

        _offered++;
        if (string.IsNullOrEmpty(record.Identity))
        {
            Reject(RejectReason.MissingIdentity, $"a {record.Kind.ToName()} record");
            return;
        }

        var hasPosition = record.LatitudeE7 is { } latitude && record.LongitudeE7 is { } longitude
            && new LocationFix(default, latitude, longitude).IsValid;
        var staged = new StagedRecord(
            record.Kind,
            TextSanitizer.Clean(record.Identity)!,
            Utc(record.OccurredAt),
            Utc(record.EndedAt),
            TextSanitizer.Clean(record.Title),
            TextSanitizer.Clean(record.Text),
            TextSanitizer.Clean(record.Url),
            hasPosition ? record.LatitudeE7 : null,
            hasPosition ? record.LongitudeE7 : null,
            record.Source is null ? null : TextSanitizer.CleanJson(record.Source.ToJsonString(SourceJson)));
        var chunk = Current();
        chunk.AddRecord(staged);
        if (chunk.Records.Count >= entry.Run.Chunking.RecordRows || chunk.RecordBytes >= entry.Run.Chunking.RecordBytes)
        {
            Seal();
        }
    }

    public void ReportUnknownField(string fieldPath, string example)
    {
        if (_unknownFields.Count < MaxUnknownFields)
        {
            _unknownFields.TryAdd(TextSanitizer.Clean(fieldPath)!, TextSanitizer.Clean(example)!);
        }
    }

    public void RejectRecord(RejectReason reason, string message)
    {
        _offered++;
        _rejected.Add(reason, TextSanitizer.Clean(message)!);
    }

    public void ReportWarning(string message)
    {
        Warnings++;
        if (_warningExamples.Count < MaxWarningExamples)
        {
            _warningExamples.Add(message);
        }
    }

    public void SetVariant(string variant) => Variant = variant;

    /// <summary>Seals the last, partial chunk; call when the reader returned (or failed: what it read before the error is kept).</summary>
    public void Complete()
    {
        if (_current is { RowCount: > 0 })
        {
            Seal();
        }
        else if (_current is { } empty)
        {
            buffers.Return(empty.Locations);
            _current = null;
        }
    }

    /// <summary>Completes when every chunk handed to the merges is merged; faults with the first merge error.</summary>
    public Task WhenMergedAsync() => Task.WhenAll(_dispatched);

    private static DateTime? Utc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } utc => utc,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
    };

    /// <summary>Why the sink refuses a fix the reader produced, or null when it is stored.</summary>
    private RejectReason? RejectionOf(in LocationFix fix, DateTime time) =>
        !fix.IsValid ? RejectReason.CoordinatesOutOfRange
        : time < EarliestFix ? RejectReason.TimeBefore1970
        : time > _latestFix ? RejectReason.TimeInFuture
        : null;

    /// <summary>A refusal of the sink's own: the example says which row of the entry it was (the readers' say where they were).</summary>
    private void Reject(RejectReason reason, string what) =>
        _rejected.Add(reason, $"{what}, record {_offered:N0} of {entryPath}");

    private StagedChunk Current() =>
        _current ??= new StagedChunk(buffers.Rent()) { Entry = entry, ChunkNo = _nextChunkNo++ };

    private void Seal()
    {
        var chunk = _current!;
        _current = null;
        chunk.Variant = Variant;
        progress.AddRowsRead(chunk.RowCount);
        if (mergedChunks.Contains(chunk.ChunkNo))
        {
            dispatcher.Discard(chunk);
            return;
        }

        dispatcher.Dispatch(chunk, cancellationToken);
        _dispatched.Add(chunk.Merged.Task);
    }
}
