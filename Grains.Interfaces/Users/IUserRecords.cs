using Orleans.Concurrency;

namespace Datapunk.Grains;

/// <summary>
/// Reading a user's data: records by kind, the timeline, the map and daily stats. Part of
/// <see cref="IUserGrain"/>, keyed by the user id, so every read is of the grain's own user; the
/// methods only read, and may run interleaved. The cancellation token reaches the database: a caller
/// that goes away or whose deadline passes stops the query.
/// </summary>
[Alias("user-records")]
public interface IUserRecords : IGrainWithStringKey
{
    /// <summary>A page of the user's records, newest first, filtered by kind, time, source format and text.</summary>
    [Alias("ListRecordsAsync"), ReadOnly]
    Task<RecordsPage> ListRecordsAsync(RecordsQuery query, CancellationToken cancellationToken = default);

    /// <summary>A page of the user's days in their time zone: every kind in time order, location fixes summarised per hour.</summary>
    [Alias("GetTimelineAsync"), ReadOnly]
    Task<TimelinePage> GetTimelineAsync(TimelineQuery query, CancellationToken cancellationToken = default);

    /// <summary>The user's location fixes in a box and time range, simplified to at most the limit.</summary>
    [Alias("GetMapPointsAsync"), ReadOnly]
    Task<MapPoints> GetMapPointsAsync(MapQuery query, CancellationToken cancellationToken = default);

    /// <summary>A vector tile of the user's fixes in a time range, thinned to a grid of cells when the tile has many.</summary>
    [Alias("GetMapTileAsync"), ReadOnly]
    Task<MapTile> GetMapTileAsync(MapTileQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many fixes the user has in a time range, the box around them and their first and last time.</summary>
    [Alias("GetMapExtentAsync"), ReadOnly]
    Task<MapExtent> GetMapExtentAsync(TimeRange range, CancellationToken cancellationToken = default);

    /// <summary>The places the user visited in a box and time range, most visited first.</summary>
    [Alias("GetMapPlacesAsync"), ReadOnly]
    Task<MapPlaces> GetMapPlacesAsync(MapQuery query, CancellationToken cancellationToken = default);

    /// <summary>A metric's value for each local day of a range.</summary>
    [Alias("GetDailyStatsAsync"), ReadOnly]
    Task<DailySeries> GetDailyStatsAsync(DailyStatsQuery query, CancellationToken cancellationToken = default);
}
