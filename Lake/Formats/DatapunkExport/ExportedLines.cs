using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.DatapunkExport;

/// <summary>
/// The lines of an export's records and location files, as the exporter writes them
/// (docs/data-model.md, "Export format"), turned back into what the importer stores. The field
/// names are the database's column names.
/// </summary>
internal static class ExportedLines
{
    /// <summary>
    /// Contents an import checks (they are part of the checksum) but does not store: the import history, which
    /// the importing Datapunk keeps its own of, and uploaded tables, which are uploaded again as tables.
    /// </summary>
    public static readonly IReadOnlySet<string> HistoryContents = new HashSet<string>(StringComparer.Ordinal)
    {
        DatapunkExportFormat.ImportJobsContent, DatapunkExportFormat.ImportFilesContent, DatapunkExportFormat.FileMatchesContent,
        DatapunkExportFormat.UserTablesContent, DatapunkExportFormat.UserTableRowsContent,
    };

    private static readonly Dictionary<string, RecordKind> Kinds =
        RecordKinds.All.Where(kind => kind != RecordKind.LocationPoint).ToDictionary(kind => kind.ToName(), StringComparer.Ordinal);

    private static readonly HashSet<string> RecordFields =
        ["kind", "identity", "occurred_at", "ended_at", "title", "body", "url", "latitude", "longitude", "source", "file_id"];

    private static readonly HashSet<string> FixFields =
    [
        "time", "lat_e7", "lng_e7", "accuracy_m", "altitude_m", "velocity_mps", "heading", "source", "coord_digits", "time_digits", "device",
        "file_id",
    ];

    /// <summary>The record kind of a records file, by its name in user_data.record_kinds; null for a name this code does not know.</summary>
    public static RecordKind? KindNamed(string? name) => name is not null && Kinds.TryGetValue(name, out var kind) ? kind : null;

    public static void AddRecord(JsonObject row, RecordKind kind, IImportSink sink, long lineNumber)
    {
        ReportUnknown(row, RecordFields, sink);
        if (Text(row, "kind") != kind.ToName())
        {
            sink.RejectRecord(RejectReason.Unparseable, $"line {lineNumber:N0} of {sink.EntryPath} is of kind '{Text(row, "kind")}', in a file of {kind.ToName()}");
            return;
        }

        var latitude = Number(row, "latitude");
        var longitude = Number(row, "longitude");
        sink.AddRecord(new PersonalRecord
        {
            Kind = kind,
            Identity = Text(row, "identity") ?? "",
            OccurredAt = Time(row, "occurred_at"),
            EndedAt = Time(row, "ended_at"),
            Title = Text(row, "title"),
            Text = Text(row, "body"),
            Url = Text(row, "url"),
            LatitudeE7 = latitude is { } lat && longitude is not null ? LocationFix.ToE7(lat) : null,
            LongitudeE7 = longitude is { } lng && latitude is not null ? LocationFix.ToE7(lng) : null,
            Source = row["source"] switch
            {
                null => null,
                JsonObject source => (JsonObject)source.DeepClone(),
                _ => throw new FormatException("\"source\" is not a JSON object"),
            },
        });
    }

    public static void AddFix(JsonObject row, IImportSink sink, long lineNumber)
    {
        ReportUnknown(row, FixFields, sink);
        if (Time(row, "time") is not { } time || Integer(row, "lat_e7") is not { } latitude || Integer(row, "lng_e7") is not { } longitude)
        {
            sink.RejectRecord(RejectReason.MissingCoordinates, $"line {lineNumber:N0} of {sink.EntryPath} lacks its time, lat_e7 or lng_e7");
            return;
        }

        sink.AddLocation(new LocationFix(
            time, checked((int)latitude), checked((int)longitude),
            IntegerOrNull(row, "accuracy_m"), IntegerOrNull(row, "altitude_m"), IntegerOrNull(row, "velocity_mps"), IntegerOrNull(row, "heading"),
            Text(row, "source"))
        {
            CoordinateDigits = checked((byte)(Integer(row, "coord_digits") ?? LocationFix.MaxCoordinateDigits)),
            TimeDigits = checked((byte)(Integer(row, "time_digits") ?? LocationFix.MillisecondDigits)),
            Device = IntegerOrNull(row, "device"),
        });
    }

    private static void ReportUnknown(JsonObject row, HashSet<string> known, IImportSink sink)
    {
        foreach (var (name, value) in row)
        {
            if (!known.Contains(name))
            {
                sink.ReportUnknownField(name, value?.ToJsonString() ?? "null");
            }
        }
    }

    private static string? Text(JsonObject row, string name) => row[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new FormatException($"\"{name}\" is not a string"),
    };

    private static DateTime? Time(JsonObject row, string name) =>
        Text(row, name) is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).UtcDateTime
            : null;

    private static double? Number(JsonObject row, string name) => row[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        _ => throw new FormatException($"\"{name}\" is not a number"),
    };

    private static long? Integer(JsonObject row, string name) => row[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        _ => throw new FormatException($"\"{name}\" is not an integer"),
    };

    private static int? IntegerOrNull(JsonObject row, string name) => Integer(row, name) is { } value ? checked((int)value) : null;
}
