using System.Globalization;

namespace Datapunk.Silo.Grpc;

/// <summary>Records and timelines as the gRPC Records and Timeline services send them (records.proto, timeline.proto).</summary>
internal static class ReadingMessages
{
    public static V1.RecordsPage ToMessage(this RecordsPage page) =>
        new() { Records = { page.Records.Select(ToMessage) }, NextPageToken = page.Next ?? "" };

    public static V1.TimelinePage ToMessage(this TimelinePage page) => new()
    {
        TimeZone = page.TimeZone,
        From = page.From.ToText(),
        To = page.To.ToText(),
        Entries = { page.Entries.Select(ToMessage) },
        NextPageToken = page.Next ?? "",
    };

    public static V1.GeoPoint? ToMessage(this GeoPoint? point) => point is null ? null : new V1.GeoPoint { Lat = point.Lat, Lng = point.Lng };

    /// <summary>A record's mark of a removal at its source, or null for one its source still has.</summary>
    public static V1.SourceRemoval? ToMessage(this SourceRemoval? removal) =>
        removal is null ? null : new V1.SourceRemoval { At = removal.At.ToTimestamp(), Reason = removal.Reason };

    /// <summary>A local date as the protos carry it, <c>yyyy-MM-dd</c>.</summary>
    public static string ToText(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static V1.Record ToMessage(StoredRecord record) => new()
    {
        Kind = record.Kind,
        Id = record.Id,
        OccurredAt = record.OccurredAt.ToTimestamp(),
        EndedAt = record.EndedAt.ToTimestamp(),
        Title = record.Title ?? "",
        Body = record.Body ?? "",
        BodyTruncated = record.BodyTruncated,
        Url = record.Url ?? "",
        Position = record.Position.ToMessage(),
        SourceJson = record.Source ?? "",
        SourceOmitted = record.SourceOmitted,
        Provenance = record.Provenance is { } provenance
            ? new V1.RecordProvenance { ImportId = provenance.ImportId.ToString(), Path = provenance.Path, Format = provenance.Format ?? "" }
            : null,
        RemovedAtSource = record.RemovedAtSource.ToMessage(),
    };

    private static V1.TimelineEntry ToMessage(TimelineEntry entry) => new()
    {
        Kind = entry.Kind,
        Id = entry.Id,
        At = entry.At.ToTimestamp(),
        LocalAt = Local(entry.LocalAt),
        EndedAt = entry.EndedAt.ToTimestamp(),
        LocalEndedAt = entry.LocalEndedAt is { } localEnd ? Local(localEnd) : "",
        Title = entry.Title ?? "",
        Url = entry.Url ?? "",
        Position = entry.Position.ToMessage(),
        Source = entry.Source ?? "",
        RemovedAtSource = entry.RemovedAtSource.ToMessage(),
        Fixes = entry.Fixes is { } fixes
            ? new V1.FixesSummary
            {
                Count = fixes.Count,
                FirstAt = fixes.FirstAt.ToTimestamp(),
                First = fixes.First.ToMessage(),
                LastAt = fixes.LastAt.ToTimestamp(),
                Last = fixes.Last.ToMessage(),
            }
            : null,
    };

    /// <summary>A local time with its offset, as the REST API writes it (<c>2019-05-03T01:30:00+02:00</c>): a Timestamp would lose the offset.</summary>
    private static string Local(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
