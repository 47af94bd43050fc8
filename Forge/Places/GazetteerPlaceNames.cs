using Datapunk.Lake.Reading;

namespace Datapunk.Forge.Places;

/// <summary>
/// Names places through the Lake's <see cref="IPlaceNamer"/>: the offline gazetteer when Cortex is in
/// the host (it registers its <c>PlaceNames</c> there), nothing otherwise. The nearest town names a
/// place only within Cortex's distance (<c>Cortex:Places:NameWithinKm</c>).
/// </summary>
internal sealed class GazetteerPlaceNames(IPlaceNamer namer) : IPlaceNameSource
{
    public async Task<string?> NameAsync(double lat, double lng, CancellationToken cancellationToken) =>
        (await namer.NameAsync([new GeoPoint(lat, lng)], cancellationToken))[0]?.Name;
}
