using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Cortex.Places;

/// <summary>
/// Reverse geocoding, offline: the gazetteer's nearest town to each position by a KNN search on its
/// GiST index (<see cref="NearestPlaceSql"/>), many positions in one statement. Reads only the
/// gazetteer, nobody's rows.
/// </summary>
public sealed class PlaceNames(NpgsqlDataSource dataSource, PlacesOptions options) : IPlaceNamer
{
    private static readonly string Sql = $"""
        SELECT p.i, g.name, g.country, g.admin_code, g.zone, g.metres
        FROM unnest(@lat, @lng) WITH ORDINALITY AS p(lat, lng, i)
        {NearestPlaceSql.Lateral("ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)")}
        WHERE g.metres <= @within
        """;

    /// <summary>Positions are named within <see cref="PlacesOptions.NameWithinKm"/>.</summary>
    public Task<IReadOnlyList<NearbyPlace?>> NameAsync(IReadOnlyList<GeoPoint> points, CancellationToken cancellationToken) =>
        NearestAsync(points, options.NameWithinKm, cancellationToken);

    /// <summary>The nearest place to each of <paramref name="points"/> within <paramref name="withinKm"/>, in their order; null where there is none.</summary>
    public async Task<IReadOnlyList<NearbyPlace?>> NearestAsync(IReadOnlyList<GeoPoint> points, double withinKm, CancellationToken cancellationToken)
    {
        var places = new NearbyPlace?[points.Count];
        if (points.Count == 0)
        {
            return places;
        }

        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("lat", points.Select(point => point.Lat).ToArray());
        command.Parameters.AddWithValue("lng", points.Select(point => point.Lng).ToArray());
        command.Parameters.AddWithValue("within", withinKm * 1000);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            places[reader.GetInt64(0) - 1] = new NearbyPlace(
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                Math.Round(reader.GetDouble(5) / 1000, 2));
        }

        return places;
    }
}
