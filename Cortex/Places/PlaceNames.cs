using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Cortex.Places;

/// <summary>
/// Reverse geocoding, offline: the gazetteer's nearest town to each position, found in memory
/// (<see cref="GazetteerGrid"/>, built from the table once per silo and again when a newer gazetteer
/// is loaded), then the chosen places' names read by id in one statement. Reads only the gazetteer,
/// nobody's rows.
/// </summary>
public sealed class PlaceNames(NpgsqlDataSource dataSource, PlacesOptions options) : IPlaceNamer
{
    // When the gazetteer was last loaded (GazetteerLoader): a grid built before a later load is built again.
    private const string LoadedAt = "(SELECT max(loaded_at) FROM analytics.gazetteer_loads)";

    private readonly SemaphoreSlim _building = new(1, 1);
    private (GazetteerGrid Grid, DateTimeOffset? LoadedAt)? _grid;

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

        var built = _grid ?? await BuildAsync(null, cancellationToken);
        while (true)
        {
            var nearest = points.Select(point => built.Grid.Nearest(point.Lat, point.Lng, withinKm * 1000)).ToArray();
            var (names, loadedAt) = await ReadNamesAsync([.. nearest.Where(found => found is not null).Select(found => found!.Value.PlaceId).Distinct()], cancellationToken);
            if (loadedAt != built.LoadedAt)
            {
                // Another silo loaded a newer gazetteer since this grid was built.
                built = await BuildAsync(built.LoadedAt, cancellationToken);
                continue;
            }

            for (var i = 0; i < points.Count; i++)
            {
                if (nearest[i] is { } found && names.TryGetValue(found.PlaceId, out var name))
                {
                    places[i] = name with { DistanceKm = Math.Round(found.Metres / 1000, 2) };
                }
            }

            return places;
        }
    }

    private async Task<(Dictionary<int, NearbyPlace> Names, DateTimeOffset? LoadedAt)> ReadNamesAsync(int[] placeIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT g.place_id, g.name, g.country, g.admin_code, g.zone, stamp.loaded_at
            FROM (SELECT {LoadedAt} AS loaded_at) stamp
            LEFT JOIN analytics.gazetteer g ON g.place_id = ANY(@ids)
            """);
        command.Parameters.AddWithValue("ids", placeIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new Dictionary<int, NearbyPlace>();
        DateTimeOffset? loadedAt = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            loadedAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5);
            if (!reader.IsDBNull(0))
            {
                names[reader.GetInt32(0)] = new NearbyPlace(
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    0);
            }
        }

        return (names, loadedAt);
    }

    /// <summary>The grid of the gazetteer as loaded now; <paramref name="stale"/> is the load the caller's grid was built from, so callers waiting together build it once.</summary>
    private async Task<(GazetteerGrid Grid, DateTimeOffset? LoadedAt)> BuildAsync(DateTimeOffset? stale, CancellationToken cancellationToken)
    {
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_grid is { } current && current.LoadedAt != stale)
            {
                return current;
            }

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            var places = new List<(int, double, double)>();
            await using (var read = new NpgsqlCommand(
                "SELECT place_id, ST_Y(position::geometry), ST_X(position::geometry) FROM analytics.gazetteer", connection, transaction))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    places.Add((reader.GetInt32(0), reader.GetDouble(1), reader.GetDouble(2)));
                }
            }

            await using var stamp = new NpgsqlCommand($"SELECT {LoadedAt}", connection, transaction);
            var loadedAt = await stamp.ExecuteScalarAsync(cancellationToken) is DateTime utc ? new DateTimeOffset(utc, TimeSpan.Zero) : (DateTimeOffset?)null;
            await transaction.CommitAsync(cancellationToken);
            var built = (new GazetteerGrid(places), loadedAt);
            _grid = built;
            return built;
        }
        finally
        {
            _building.Release();
        }
    }
}
