using Datapunk.Cortex.Places;
using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Cortex.Tests.Places;

/// <summary>A user with synthetic located data, the local-time pass run over it, and the readers as the silo builds them.</summary>
internal sealed class TravellerData(NpgsqlDataSource dataSource, string userId)
{
    public static readonly (double Lat, double Lng) Berlin = (52.5244, 13.4105);
    public static readonly (double Lat, double Lng) NewYork = (40.7142, -74.0059);
    public static readonly (double Lat, double Lng) Lisbon = (38.7167, -9.1333);
    public static readonly (double Lat, double Lng) Auckland = (-36.8485, 174.7633);
    public static readonly (double Lat, double Lng) Honolulu = (21.3069, -157.8583);

    public string UserId => userId;

    public NpgsqlDataSource DataSource => dataSource;

    public LocalZonePass Pass { get; } = new(dataSource, PlacesDatabase.Options);

    public TimelineReader Timeline { get; } = new(dataSource, new LocalZoneSpans(dataSource), new PlaceNames(dataSource, PlacesDatabase.Options));

    public DailyStatsReader Stats { get; } = new(dataSource, new LocalZoneSpans(dataSource));

    public MapPlacesReader MapPlaces { get; } = new(dataSource, new PlaceNames(dataSource, PlacesDatabase.Options));

    public static async Task<TravellerData> CreateAsync(string prefix, Action<LocatedData> describe)
    {
        var dataSource = await PlacesDatabase.ReadyAsync();
        var data = new TravellerData(dataSource, CortexDatabase.NewUserId(prefix));
        var located = new LocatedData(dataSource, data.UserId);
        describe(located);
        await located.WriteAsync();
        return data;
    }

    public static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    public Task<LocalZonePassResult> RunPassAsync() => Pass.RunAsync(userId, TestContext.Current.CancellationToken);

    /// <summary>Every entry of the local days <paramref name="from"/> to <paramref name="to"/> (one page), with <paramref name="zone"/> for times nothing places.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> DaysAsync(DateOnly from, DateOnly to, string zone) =>
        (await Timeline.ReadAsync(userId, new TimelineQuery(from, to, zone, ReadingLimits.MaxTimelineEntries, null), TestContext.Current.CancellationToken)).Entries;
}
