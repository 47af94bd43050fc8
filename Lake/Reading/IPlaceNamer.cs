namespace Datapunk.Lake.Reading;

/// <summary>
/// Names positions after the nearest town (Cortex's offline gazetteer, Cortex/Places); without it
/// nothing is named (<see cref="NoPlaceNames"/>). Names the export gave win: readers use these only beside them.
/// </summary>
public interface IPlaceNamer
{
    /// <summary>The nearest place to each of <paramref name="points"/>, in their order; null where none is near enough.</summary>
    Task<IReadOnlyList<NearbyPlace?>> NameAsync(IReadOnlyList<GeoPoint> points, CancellationToken cancellationToken);
}
