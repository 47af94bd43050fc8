using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.Json;

namespace Datapunk.Lake.Formats.Location;

/// <summary>
/// <c>Location History/Settings.json</c>: whether history was on and which devices reported, no
/// positions. Since 2024 it is often all a Takeout's location folder holds, so it is recognised
/// and read as valid JSON to say the import saw it, and produces no records.
/// </summary>
public sealed class LocationSettingsReader : IExportFormatReader
{
    private static readonly KnownFieldNames TopLevelFields = new(
        "createdTime", "modifiedTime", "historyEnabled", "deviceSettings", "retentionWindowDays", "hasReportedLocations", "hasSetRetention",
        "timelineEnabled");

    // Settings.json is a common name; any two of these keys are only together in location settings.
    private static readonly byte[][] SettingsKeys =
    [
        "\"deviceSettings\""u8.ToArray(), "\"historyEnabled\""u8.ToArray(), "\"retentionWindowDays\""u8.ToArray(),
        "\"hasReportedLocations\""u8.ToArray(), "\"hasSetRetention\""u8.ToArray(), "\"reportingEnabled\""u8.ToArray(),
        "\"devicePrettyName\""u8.ToArray(),
    ];

    public string FormatId => "google.location.settings";

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var keys = 0;
        foreach (var key in SettingsKeys)
        {
            keys += head.IndexOf(key) >= 0 ? 1 : 0;
        }

        var content = keys >= 2;
        var name = sample.FileName == "Settings.json"
            && (sample.Path.Contains("Location History", StringComparison.OrdinalIgnoreCase) || sample.Path.Contains("Standortverlauf", StringComparison.OrdinalIgnoreCase));
        return FormatMatch.From(content, name);
    }

    public Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        var unknown = new UnknownFieldLog(sink);
        sink.SetVariant("settings");
        return EmptyEntries.ReadJsonAsync(content, sink, stream => new JsonElementStream([]).ReadAsync(
            stream,
            (_, _, _) => { },
            (property, _) =>
            {
                if (!TopLevelFields.Contains(property))
                {
                    unknown.Report("$." + property, "(top-level value)");
                }
            },
            cancellationToken));
    }
}
