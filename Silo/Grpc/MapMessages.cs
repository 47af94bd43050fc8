namespace Datapunk.Silo.Grpc;

/// <summary>Map points, visited places and daily series as the gRPC Map and Stats services send them (map.proto, stats.proto).</summary>
internal static class MapMessages
{
    public static V1.MapPoints ToMessage(this MapPoints points) => new()
    {
        Fixes = points.Fixes,
        Points = { points.Points.Select(point => new V1.MapPoint
        {
            Lat = point.Lat, Lng = point.Lng, Fixes = point.Fixes, FirstAt = point.FirstAt.ToTimestamp(), LastAt = point.LastAt.ToTimestamp(),
        }) },
        Simplification = points.Simplification is { } grid
            ? new V1.MapSimplification
            {
                Method = grid.Method, Columns = grid.Columns, Rows = grid.Rows, CellWidthDegrees = grid.CellWidthDegrees, CellHeightDegrees = grid.CellHeightDegrees,
            }
            : null,
    };

    public static V1.MapPlaces ToMessage(this MapPlaces places) => new()
    {
        Truncated = places.Truncated,
        Places = { places.Places.Select(place => new V1.VisitedPlace
        {
            PlaceId = place.PlaceId ?? "",
            Name = place.Name ?? "",
            Position = place.Position.ToMessage(),
            Visits = place.Visits,
            TotalSeconds = place.TotalSeconds,
            FirstVisit = place.FirstVisit.ToTimestamp(),
            LastVisit = place.LastVisit.ToTimestamp(),
        }) },
    };

    public static V1.DailySeries ToMessage(this DailySeries series) => new()
    {
        Metric = series.Metric,
        Kind = series.Kind ?? "",
        Unit = series.Unit,
        TimeZone = series.TimeZone,
        Days = { series.Days.Select(day => day.Value is { } value ? new V1.DailyValue { Date = day.Date.ToText(), Value = value } : new V1.DailyValue { Date = day.Date.ToText() }) },
    };

    public static V1.StatsMetric ToMessage(this StatsMetric metric) =>
        new() { Name = metric.Name, Unit = metric.Unit, Description = metric.Description, NeedsKind = metric.NeedsKind };
}
