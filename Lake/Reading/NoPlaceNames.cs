namespace Datapunk.Lake.Reading;

/// <summary>No gazetteer: no position gets a name.</summary>
public sealed class NoPlaceNames : IPlaceNamer
{
    public Task<IReadOnlyList<NearbyPlace?>> NameAsync(IReadOnlyList<GeoPoint> points, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NearbyPlace?>>(new NearbyPlace?[points.Count]);
}
