using Datapunk.Lake;
using Datapunk.Lake.Formats;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>An import sink that keeps the records a format reader gives, to compare them with polled ones.</summary>
internal sealed class CollectedRecords(string entryPath) : IImportSink
{
    public string EntryPath { get; } = entryPath;

    public List<PersonalRecord> Records { get; } = [];

    public List<string> Problems { get; } = [];

    public void AddLocation(in LocationFix fix) => Problems.Add("a location fix");

    public void AddRecord(PersonalRecord record) => Records.Add(record);

    public void ReportUnknownField(string fieldPath, string example) => Problems.Add($"unknown field {fieldPath}");

    public void RejectRecord(RejectReason reason, string message) => Problems.Add($"{reason}: {message}");

    public void ReportWarning(string message) => Problems.Add(message);

    public void SetVariant(string variant)
    {
    }
}
