using Datapunk.Lake;
using Datapunk.Lake.Formats;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>A sink that keeps the records a reader produced, to store them by hand (tests of what migrations do to stored rows).</summary>
internal sealed class RecordCollector(string entryPath) : IImportSink
{
    public string EntryPath { get; } = entryPath;

    public List<PersonalRecord> Records { get; } = [];

    /// <summary>Reads <paramref name="file"/> with <paramref name="reader"/> as if it were the entry at <paramref name="entryPath"/>.</summary>
    public static async Task<List<PersonalRecord>> ReadAsync(IExportFormatReader reader, string file, string entryPath)
    {
        var collector = new RecordCollector(entryPath);
        await using var stream = File.OpenRead(file);
        await reader.ReadAsync(stream, collector, TestContext.Current.CancellationToken);
        return collector.Records;
    }

    public void AddLocation(in LocationFix fix)
    {
    }

    public void AddRecord(PersonalRecord record) => Records.Add(record);

    public void ReportUnknownField(string fieldPath, string example)
    {
    }

    public void RejectRecord(RejectReason reason, string message)
    {
    }

    public void ReportWarning(string message)
    {
    }

    public void SetVariant(string variant)
    {
    }
}
