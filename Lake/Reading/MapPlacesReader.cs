using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// The places a user's place visits name, in a box and time range: each place (<see cref="PlaceKeys"/>)
/// with the name its visits carry most often, its mean position, its visits, their summed length,
/// and the first and last; most visited first. Each carries the nearest town (<see cref="IPlaceNamer"/>),
/// whose name is the place's where no visit named it.
/// </summary>
public sealed class MapPlacesReader(NpgsqlDataSource dataSource, IPlaceNamer placeNamer)
{
    private const string Sql = $"""
        SELECT min(place_id), mode() WITHIN GROUP (ORDER BY title), avg(lat), avg(lng), count(*),
               coalesce(sum(extract(epoch FROM ended_at - occurred_at)) FILTER (WHERE ended_at > occurred_at), 0)::bigint,
               min(occurred_at), max(coalesce(ended_at, occurred_at))
        FROM (
            SELECT {PlaceKeys.Key} AS place, {PlaceKeys.PlaceId} AS place_id, r.title,
                   ST_Y(r.position::geometry) AS lat, ST_X(r.position::geometry) AS lng, r.occurred_at, r.ended_at
            FROM user_data.records r
            WHERE r.user_id = @user AND r.kind = @kind AND r.position IS NOT NULL AND r.occurred_at IS NOT NULL
              AND r.occurred_at >= @from AND r.occurred_at < @to
              AND r.position::geometry && ST_MakeEnvelope(@min_lng, @min_lat, @max_lng, @max_lat, 4326)
        ) visits
        GROUP BY place
        ORDER BY count(*) DESC, place
        LIMIT @limit
        """;

    public async Task<MapPlaces> ReadAsync(string userId, MapQuery query, CancellationToken cancellationToken)
    {
        MapQueries.Check(query, ReadingLimits.MaxPlaces).ThrowIfAny();
        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await using var command = read.Command(Sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("kind", (short)RecordKind.PlaceVisit);
        command.Parameters.AddWithValue("from", TimeBounds.Start(query.From));
        command.Parameters.AddWithValue("to", TimeBounds.End(query.To));
        command.Parameters.AddWithValue("min_lng", query.Box.MinLng);
        command.Parameters.AddWithValue("min_lat", query.Box.MinLat);
        command.Parameters.AddWithValue("max_lng", query.Box.MaxLng);
        command.Parameters.AddWithValue("max_lat", query.Box.MaxLat);
        command.Parameters.AddWithValue("limit", query.Limit + 1);

        var places = new List<VisitedPlace>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await ReadPlacesAsync(reader, places, cancellationToken);
        }

        var truncated = places.Count > query.Limit;
        if (truncated)
        {
            places.RemoveRange(query.Limit, places.Count - query.Limit);
        }

        var near = await placeNamer.NameAsync([.. places.Select(place => place.Position)], cancellationToken);
        return new MapPlaces([.. places.Select((place, i) => place with { Name = place.Name ?? near[i]?.Name, Near = near[i] })], truncated);
    }

    private static async Task ReadPlacesAsync(NpgsqlDataReader reader, List<VisitedPlace> places, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            places.Add(new VisitedPlace(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                new GeoPoint(reader.GetDouble(2), reader.GetDouble(3)),
                reader.GetInt64(4),
                reader.GetInt64(5),
                StoredTime.Required(reader, 6),
                StoredTime.Required(reader, 7)));
        }
    }
}
