using Datapunk.Lake.Reading;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains;

/// <summary>Reading the user's data: each read is of this grain's own user, whatever the query says.</summary>
public sealed partial class UserGrain : IUserRecords
{
    public Task<RecordsPage> ListRecordsAsync(RecordsQuery query, CancellationToken cancellationToken) =>
        ServiceProvider.GetRequiredService<RecordsReader>().ListAsync(this.GetPrimaryKeyString(), query, cancellationToken);

    public Task<TimelinePage> GetTimelineAsync(TimelineQuery query, CancellationToken cancellationToken) =>
        ServiceProvider.GetRequiredService<TimelineReader>().ReadAsync(this.GetPrimaryKeyString(), query, cancellationToken);

    public Task<MapPoints> GetMapPointsAsync(MapQuery query, CancellationToken cancellationToken) =>
        ServiceProvider.GetRequiredService<MapPointsReader>().ReadAsync(this.GetPrimaryKeyString(), query, cancellationToken);

    public Task<MapTile> GetMapTileAsync(MapTileQuery query, CancellationToken cancellationToken) =>
        ServiceProvider.GetRequiredService<MapTileReader>().ReadAsync(this.GetPrimaryKeyString(), query, cancellationToken);

    public Task<MapExtent> GetMapExtentAsync(TimeRange range, CancellationToken cancellationToken) =>
        ServiceProvider.GetRequiredService<MapExtentReader>().ReadAsync(this.GetPrimaryKeyString(), range, cancellationToken);

    public Task<MapPlaces> GetMapPlacesAsync(MapQuery query, CancellationToken cancellationToken) =>
        ServiceProvider.GetRequiredService<MapPlacesReader>().ReadAsync(this.GetPrimaryKeyString(), query, cancellationToken);

    public Task<DailySeries> GetDailyStatsAsync(DailyStatsQuery query, CancellationToken cancellationToken) =>
        ServiceProvider.GetRequiredService<DailyStatsReader>().ReadAsync(this.GetPrimaryKeyString(), query, cancellationToken);
}
