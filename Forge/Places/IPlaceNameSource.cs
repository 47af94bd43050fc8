namespace Datapunk.Forge.Places;

/// <summary>
/// Names for places the export's own visits do not name: the hook for an offline gazetteer (Cortex's
/// places, which load GeoNames into PostGIS). An export's name always wins over this one, and a
/// user's rename over both. Register an implementation before <c>AddForge</c> to replace the default,
/// which names nothing.
/// </summary>
public interface IPlaceNameSource
{
    /// <summary>A name for the place at (<paramref name="lat"/>, <paramref name="lng"/>), or null.</summary>
    Task<string?> NameAsync(double lat, double lng, CancellationToken cancellationToken);
}
