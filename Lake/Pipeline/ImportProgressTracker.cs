using System.Collections.Concurrent;
using System.Diagnostics;
using Datapunk.Lake.Formats;
using Datapunk.Lake.Model;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Live figures of a running import, updated by the reader thread and the merge workers and read
/// by the job grain for status calls. Starts from what earlier runs stored; the final report is
/// read back from the database, so these only need to be right enough to show progress.
/// </summary>
internal sealed class ImportProgressTracker
{
    private const int MaxErrors = 1000;
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);

    private readonly long[] _inserted = new long[RecordKinds.All.Count];
    private readonly long[] _matched = new long[MatchRules.All.Count];
    private readonly long[] _rejectedRecords = new long[RejectReasons.All.Count];
    private readonly ConcurrentQueue<ImportFileError> _errors = new();
    private readonly Queue<(long Ticks, long Rows, long Bytes)> _samples = new();
    private readonly Lock _samplesLock = new();
    private long _imported, _skipped, _failed, _unchanged, _rejected;
    private long _bytesDone, _rowsRead, _duplicates, _unknownFields, _peakMemory;
    private long? _filesTotal, _bytesTotal;
    private int _phase = (int)ImportState.Scanning;
    private volatile string? _currentFile;

    public ImportState Phase
    {
        get => (ImportState)Volatile.Read(ref _phase);
        set => Volatile.Write(ref _phase, (int)value);
    }

    public string? CurrentFile
    {
        get => _currentFile;
        set => _currentFile = value;
    }

    public long PeakMemoryBytes => Interlocked.Read(ref _peakMemory);

    /// <summary>Starts from the stored figures of earlier runs of this import.</summary>
    public void StartFrom(ImportTotals stored)
    {
        _imported = stored.Files.Imported;
        _skipped = stored.Files.Skipped;
        _failed = stored.Files.Failed;
        _unchanged = stored.Files.Unchanged;
        _rejected = stored.Files.Rejected;
        _bytesDone = stored.Bytes;
        _duplicates = stored.Duplicates;
        _unknownFields = stored.UnknownFields;
        foreach (var kind in RecordKinds.All)
        {
            _inserted[(int)kind] = stored.Inserted[kind];
        }

        foreach (var rule in MatchRules.All)
        {
            _matched[(int)rule] = stored.Matched[rule];
        }

        foreach (var reason in RejectReasons.All)
        {
            _rejectedRecords[(int)reason] = stored.Rejected[reason];
        }

        foreach (var error in stored.Errors)
        {
            _errors.Enqueue(error);
        }
    }

    public void SetTotals(long? files, long? bytes)
    {
        _filesTotal = files;
        _bytesTotal = bytes;
    }

    public void AddBytes(long bytes)
    {
        Interlocked.Add(ref _bytesDone, bytes);
        ImportMetrics.BytesDone(bytes);
    }

    public void AddRowsRead(long rows) => Interlocked.Add(ref _rowsRead, rows);

    public void AddInserted(KindCounts inserted)
    {
        foreach (var kind in RecordKinds.All)
        {
            Interlocked.Add(ref _inserted[(int)kind], inserted[kind]);
            ImportMetrics.Stored(kind, inserted[kind]);
        }
    }

    public void ObserveMemory(long bytes)
    {
        long peak;
        while (bytes > (peak = Interlocked.Read(ref _peakMemory)) && Interlocked.CompareExchange(ref _peakMemory, bytes, peak) != peak)
        {
        }
    }

    /// <summary>Counts a finished entry: its outcome, duplicates, unknown fields and error.</summary>
    public void FinishEntry(EntryStatus status, long duplicates, int unknownFields, ImportFileError? error)
    {
        switch (status)
        {
            case EntryStatus.Imported:
                Interlocked.Increment(ref _imported);
                break;
            case EntryStatus.Skipped:
                Interlocked.Increment(ref _skipped);
                break;
            case EntryStatus.Failed:
                Interlocked.Increment(ref _failed);
                break;
            case EntryStatus.Unchanged:
                Interlocked.Increment(ref _unchanged);
                break;
            default:
                Interlocked.Increment(ref _rejected);
                break;
        }

        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _unknownFields, unknownFields);
        ImportMetrics.FileFinished(status, duplicates);
        if (error is not null && _errors.Count < MaxErrors)
        {
            _errors.Enqueue(error);
        }
    }

    /// <summary>Counts what became of a finished entry's records that were not stored: matched, by rule, and rejected, by reason.</summary>
    public void FinishRecords(MatchCounts matched, RejectedRecords rejected)
    {
        foreach (var rule in MatchRules.All)
        {
            Interlocked.Add(ref _matched[(int)rule], matched[rule]);
        }

        foreach (var reason in RejectReasons.All)
        {
            Interlocked.Add(ref _rejectedRecords[(int)reason], rejected[reason]);
        }
    }

    /// <summary>The live figures; the rate is over the last few seconds, the ETA from bytes when their total is known.</summary>
    public ImportProgress ApplyTo(ImportProgress progress)
    {
        var rows = Interlocked.Read(ref _rowsRead);
        var bytes = Interlocked.Read(ref _bytesDone);
        var (rowRate, byteRate) = Rates(rows, bytes);
        var files = new ImportFileCounts(
            _filesTotal, Interlocked.Read(ref _imported), Interlocked.Read(ref _skipped), Interlocked.Read(ref _failed),
            Interlocked.Read(ref _unchanged), Interlocked.Read(ref _rejected));
        return progress with
        {
            Status = Phase,
            Files = files,
            BytesDone = bytes,
            BytesTotal = _bytesTotal,
            Records = RecordKinds.All.ToDictionary(kind => kind.ToName(), kind => Interlocked.Read(ref _inserted[(int)kind])),
            Duplicates = Interlocked.Read(ref _duplicates),
            Matched = MatchRules.All.ToDictionary(rule => rule.ToName(), rule => Interlocked.Read(ref _matched[(int)rule])),
            RejectedRecords = RejectReasons.All
                .Select(reason => (Name: reason.ToName(), Count: Interlocked.Read(ref _rejectedRecords[(int)reason])))
                .Where(reason => reason.Count != 0)
                .ToDictionary(reason => reason.Name, reason => reason.Count),
            UnknownFields = Interlocked.Read(ref _unknownFields),
            RecordsPerSecond = Math.Round(rowRate),
            EtaSeconds = _bytesTotal is { } total && byteRate > 0 ? Math.Max(0, Math.Round((total - bytes) / byteRate)) : null,
            CurrentFile = CurrentFile,
            Errors = [.. _errors],
            PeakMemoryBytes = Math.Max(progress.PeakMemoryBytes, PeakMemoryBytes),
        };
    }

    private (double Rows, double Bytes) Rates(long rows, long bytes)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_samplesLock)
        {
            _samples.Enqueue((now, rows, bytes));
            while (_samples.Count > 2 && Stopwatch.GetElapsedTime(_samples.Peek().Ticks, now) > RateWindow)
            {
                _samples.Dequeue();
            }

            var (ticks, firstRows, firstBytes) = _samples.Peek();
            var seconds = Stopwatch.GetElapsedTime(ticks, now).TotalSeconds;
            return seconds < 0.2 ? (0, 0) : ((rows - firstRows) / seconds, (bytes - firstBytes) / seconds);
        }
    }
}
