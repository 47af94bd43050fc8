using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.Photos;

/// <summary>
/// Google Photos JSON sidecars, one per media file in every naming variant (see
/// <see cref="PhotoMediaPath"/>). Numbers come as strings. The identity (scheme 2) is the file name
/// of the media item the sidecar describes, without its folder, and its taken time: the copy of a
/// photo in an album folder and the one in its year folder are one record, while
/// <c>NAME.EXT.json</c> and <c>NAME.EXT(1).json</c> (same title, often the same time) describe
/// <c>NAME.EXT</c> and <c>NAME(1).EXT</c>, two records. <c>0.0, 0.0</c> means "no location". The media bytes stay in the archive: Source gets
/// <c>mediaPath</c>, the entry path of the media file this sidecar describes.
/// </summary>
public sealed class PhotoSidecarReader : IExportFormatReader
{
    private static readonly KnownFieldNames SidecarFields = new(
        "title", "description", "imageViews", "creationTime", "modificationTime", "photoTakenTime", "photoLastModifiedTime", "geoData",
        "geoDataExif", "people", "url", "googlePhotosOrigin", "favorited", "trashed", "archived", "appSource", "sharedAlbumComments",
        "enrichments", "origin");

    public string FormatId => "google.photos.sidecar";

    /// <summary>Byte-identical sidecars at two names describe two media items (<c>NAME.EXT.json</c>, <c>NAME.EXT(1).json</c>).</summary>
    public bool PathCarriesMeaning => true;

    public FormatMatch Detect(EntrySample sample)
    {
        var head = sample.Head.Span;
        var content = head.IndexOf("\"photoTakenTime\""u8) >= 0 || (head.IndexOf("\"creationTime\""u8) >= 0 && head.IndexOf("\"imageViews\""u8) >= 0);
        var name = sample.Extension == ".json" && PhotoMediaPath.FromSidecar(sample.FileName, null) is { } media && Path.HasExtension(media)
            && (sample.Path.Contains("Photos", StringComparison.OrdinalIgnoreCase) || sample.Path.Contains("Fotos", StringComparison.OrdinalIgnoreCase));
        return FormatMatch.From(content, name);
    }

    public async Task ReadAsync(Stream content, IImportSink sink, CancellationToken cancellationToken)
    {
        if (await SmallJsonDocument.ReadObjectAsync(content, cancellationToken) is not { } sidecar)
        {
            sink.ReportWarning("The sidecar is empty; it describes nothing.");
            return;
        }

        new UnknownFieldLog(sink).Check("$", sidecar, SidecarFields);
        var title = JsonNodeFields.Text(sidecar["title"]);
        var fileName = sink.EntryPath[(sink.EntryPath.LastIndexOf('/') + 1)..];
        sink.SetVariant(PhotoMediaPath.IsSupplemental(fileName, title) ? "supplemental-metadata" : "sidecar");
        var takenTimestamp = sidecar["photoTakenTime"]?["timestamp"];
        var createdTimestamp = sidecar["creationTime"]?["timestamp"];
        if (takenTimestamp is null && createdTimestamp is null)
        {
            sink.RejectRecord(RejectReason.MissingTime, "The sidecar has neither a photoTakenTime nor a creationTime; it was skipped.");
            return;
        }

        var takenSeconds = JsonNodeFields.Integer(takenTimestamp);
        var createdSeconds = JsonNodeFields.Integer(createdTimestamp);
        if ((takenSeconds ?? createdSeconds) is not { } seconds || !Timestamps.TryFromEpoch(seconds, EpochUnit.Seconds, out var occurredAt))
        {
            var problem = UnusableTime.Of(takenTimestamp ?? createdTimestamp, takenTimestamp is null ? "creationTime" : "photoTakenTime");
            sink.RejectRecord(problem.Reason, $"The sidecar has {problem.Description}; it was skipped.");
            return;
        }

        var mediaPath = PhotoMediaPath.FromSidecar(sink.EntryPath, title);
        sidecar["mediaPath"] = mediaPath;
        var position = Position(sidecar["geoData"]) ?? Position(sidecar["geoDataExif"]);
        sink.AddRecord(new PersonalRecord
        {
            Kind = RecordKind.Photo,
            Identity = RecordIdentity.FromContentV2("google.photos", MediaName(mediaPath) ?? title, occurredAt),
            OccurredAt = occurredAt,
            Title = title,
            Text = SearchText(sidecar),
            Url = JsonNodeFields.Text(sidecar["url"]),
            LatitudeE7 = position?.Latitude,
            LongitudeE7 = position?.Longitude,
            Source = sidecar,
        });
    }

    /// <summary>The media file's name without its folder; null when the entry is not named like a sidecar.</summary>
    private static string? MediaName(string? mediaPath) => mediaPath?[(mediaPath.LastIndexOf('/') + 1)..];

    /// <summary>Coordinates unless absent, off the Earth, or 0,0 (Photos' "unknown").</summary>
    private static (int Latitude, int Longitude)? Position(JsonNode? geo)
    {
        if (JsonNodeFields.Number(geo?["latitude"]) is not { } latitude || JsonNodeFields.Number(geo?["longitude"]) is not { } longitude
            || (latitude == 0 && longitude == 0))
        {
            return null;
        }

        var fix = new LocationFix(default, LocationFix.ToE7(latitude), LocationFix.ToE7(longitude));
        return fix.IsValid ? (fix.LatitudeE7, fix.LongitudeE7) : null;
    }

    /// <summary>The description and the names of the people in the photo, so a search for either finds it.</summary>
    private static string? SearchText(JsonObject sidecar)
    {
        var people = (sidecar["people"] as JsonArray ?? []).Select(person => JsonNodeFields.Text(person?["name"])).OfType<string>().ToList();
        var parts = new[] { JsonNodeFields.Text(sidecar["description"]), people.Count > 0 ? string.Join(", ", people) : null }
            .Where(part => !string.IsNullOrWhiteSpace(part))
            .ToList();
        return parts.Count > 0 ? string.Join("\n", parts) : null;
    }
}
