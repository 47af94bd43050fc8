
namespace Datapunk.Lake.Tests.Support;

/// <summary>An import sink that keeps everything a reader produced, for assertions.</summary>
public sealed class CollectingSink(string entryPath = "test.json") : IImportSink
{
    public string EntryPath { get; } = entryPath;

    public List<LocationFix> Locations { get; } = [];

    public List<PersonalRecord> Records { get; } = [];

    public List<(string Path, string Example)> UnknownFields { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<(RejectReason Reason, string Message)> Rejections { get; } = [];

    public string? Variant { get; private set; }

    public void AddLocation(in LocationFix fix) => Locations.Add(fix);

    public void AddRecord(PersonalRecord record) => Records.Add(record);

    public void ReportUnknownField(string fieldPath, string example) => UnknownFields.Add((fieldPath, example));

    public void RejectRecord(RejectReason reason, string message) => Rejections.Add((reason, message));

    public void ReportWarning(string message) => Warnings.Add(message);

    public void SetVariant(string variant) => Variant = variant;

    /// <summary>Distinct fixes on (time, latitude, longitude), as the importer counts them.</summary>
    public int DistinctLocations => Locations.Select(f => (f.Time, f.LatitudeE7, f.LongitudeE7)).Distinct().Count();
}
