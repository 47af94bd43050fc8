using System.Diagnostics.Metrics;
using Datapunk.Lake.Model;


namespace Datapunk.Lake.Pipeline;

/// <summary>
/// The import's meter: what this process stored and read, by record kind and file outcome. Counts
/// are of work done here; a resumed import counts only what its new run adds.
/// </summary>
public static class ImportMetrics
{
    public const string MeterName = "Datapunk.Lake";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> RecordsStored = Meter.CreateCounter<long>(
        "datapunk.import.records_stored", "{record}", "Distinct new records stored by imports, by kind.");

    private static readonly Counter<long> Duplicates = Meter.CreateCounter<long>(
        "datapunk.import.duplicates", "{record}", "Records read that were stored already.");

    private static readonly Counter<long> Files = Meter.CreateCounter<long>(
        "datapunk.import.files", "{file}", "Files (archive entries) finished by imports, by outcome.");

    private static readonly Counter<long> Bytes = Meter.CreateCounter<long>(
        "datapunk.import.bytes", "By", "Uncompressed bytes of the entries imports finished.");

    public static void Stored(RecordKind kind, long count)
    {
        if (count > 0)
        {
            RecordsStored.Add(count, new KeyValuePair<string, object?>("kind", kind.ToName()));
        }
    }

    public static void FileFinished(EntryStatus status, long duplicates)
    {
        Files.Add(1, new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant()));
        if (duplicates > 0)
        {
            Duplicates.Add(duplicates);
        }
    }

    public static void BytesDone(long bytes) => Bytes.Add(bytes);
}
