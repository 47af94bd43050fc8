using Datapunk.Lake.Reading;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains;

/// <summary>Reading the user's data: each read is of this grain's own user, whatever the query says.</summary>
public sealed partial class UserGrain : IUserRecords
{
    public Task<RecordsPage> ListRecordsAsync(RecordsQuery query) =>
        ServiceProvider.GetRequiredService<RecordsReader>().ListAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);

    public Task<TimelinePage> GetTimelineAsync(TimelineQuery query) =>
        ServiceProvider.GetRequiredService<TimelineReader>().ReadAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);

    public Task<MapPoints> GetMapPointsAsync(MapQuery query) =>
        ServiceProvider.GetRequiredService<MapPointsReader>().ReadAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);

    public Task<MapPlaces> GetMapPlacesAsync(MapQuery query) =>
        ServiceProvider.GetRequiredService<MapPlacesReader>().ReadAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);

    public Task<DailySeries> GetDailyStatsAsync(DailyStatsQuery query) =>
        ServiceProvider.GetRequiredService<DailyStatsReader>().ReadAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);
}
