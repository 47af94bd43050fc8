using Datapunk.Lake.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Datapunk.Lake.Reading;

/// <summary>
/// A Mapbox Vector Tile of a user's fixes, made by PostGIS <c>ST_AsMVT</c>: layer <c>fixes</c>, a point
/// per fix with <c>t</c> (epoch seconds), <c>acc</c> (accuracy in metres, when known) and
/// <c>count</c> 1 when the tile has at most <see cref="MaxSingleFixes"/>; otherwise a point per
/// occupied cell of the tile's <see cref="MapTileGrid"/>, at the mean position of its fixes, with
/// <c>t</c> of its first fix and <c>count</c> of its fixes. So a tile never has more than 4,096
/// features however many fixes it covers, and the counts of a zoom's tiles add up to the fixes.
/// </summary>
public sealed class MapTileReader(NpgsqlDataSource dataSource)
{
    /// <summary>A tile with at most this many fixes sends each (about 25 bytes a feature: 100 KB).</summary>
    public const int MaxSingleFixes = 4_096;

    // Under row-level security PostgreSQL uses no index for PostGIS's && (not leakproof), so a tile
    // read a whole year's fixes; the statements run as UserDataScope.IndexedReadRole instead and name
    // the user themselves (migration 0035). The box, a micro-degree wider than the tile, finds the
    // fixes through the leaves' GiST index; the integer bounds keep exactly the tile's own.
    private const string InTile = """
        FROM timeseries.location_points p
        WHERE p.user_id = @user AND p.time >= @from AND p.time < @to
          AND p.position::geometry && ST_MakeEnvelope((@min_lng - 10) * 1e-7, (@min_lat - 10) * 1e-7, (@max_lng + 10) * 1e-7, (@max_lat + 10) * 1e-7, 4326)
          AND p.lng_e7 BETWEEN @min_lng AND @max_lng AND p.lat_e7 BETWEEN @min_lat AND @max_lat
        """;

    // The position in the tile's 4096-unit space, from its north-west corner, of degrees in web mercator.
    private const string PixelX = "least(greatest(floor(((({0}) * 1e-7::float8 + 180) / 360 * @tiles - @x) * 4096), 0), 4095)";
    private const string PixelY = "least(greatest(floor(((1 - ln(tan(pi() / 4 + ({0}) * (pi() / 3.6e9::float8))) / pi()) / 2 * @tiles - @y) * 4096), 0), 4095)";

    public async Task<MapTile> ReadAsync(string userId, MapTileQuery query, CancellationToken cancellationToken)
    {
        MapTileQueries.Check(query).ThrowIfAny();
        var grid = MapTileGrid.For(query.Z, query.X, query.Y);
        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await UserDataScope.ReadPastRowSecurityAsync(read.Connection, read.Transaction, cancellationToken);

        await using var probe = Command(read, $"SELECT count(*) FROM (SELECT 1 {InTile} LIMIT {MaxSingleFixes + 1}) fixes", userId, query, grid);
        var found = (long)(await probe.ExecuteScalarAsync(cancellationToken))!;
        if (found == 0)
        {
            return new MapTile([], 0, 0, false);
        }

        if (found <= MaxSingleFixes)
        {
            await using var each = Command(read, $"""
                SELECT ST_AsMVT(feature, 'fixes', {MapTileGrid.Extent}, 'geom'), count(*), count(*) FROM (
                    SELECT ST_MakePoint({string.Format(PixelX, "p.lng_e7")}, {string.Format(PixelY, "p.lat_e7")}) AS geom,
                           extract(epoch FROM p.time)::bigint AS t, p.accuracy_m AS acc, 1 AS count
                    {InTile}
                    ORDER BY p.time) feature
                """, userId, query, grid);
            return await ReadTileAsync(each, thinned: false, cancellationToken);
        }

        // At most 4,096 groups, so hashing them fits in memory; the leaves' small statistics make the
        // planner expect a handful of rows and sort them instead, on disk for a year of fixes.
        await SqlStatements.ExecuteAsync(read.Connection, read.Transaction, "SET LOCAL work_mem = '32MB'; SET LOCAL enable_sort = off", cancellationToken);
        await using var cells = Command(read, $"""
            WITH cells AS (
                SELECT min(p.time) AS first_at, count(*) AS fixes, avg(p.lat_e7::float8) AS lat_e7, avg(p.lng_e7::float8) AS lng_e7
                {InTile}
                GROUP BY ((p.lng_e7 - @min_lng)::bigint * {MapTileGrid.Cells}) / (@max_lng::bigint - @min_lng + 1), width_bucket(p.lat_e7, @row_bounds))
            SELECT ST_AsMVT(feature, 'fixes', {MapTileGrid.Extent}, 'geom'), count(*), coalesce(sum(feature.count), 0)::bigint FROM (
                SELECT ST_MakePoint({string.Format(PixelX, "lng_e7")}, {string.Format(PixelY, "lat_e7")}) AS geom,
                       extract(epoch FROM first_at)::bigint AS t, fixes AS count
                FROM cells) feature
            """, userId, query, grid);
        cells.Parameters.Add(new NpgsqlParameter("row_bounds", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = grid.RowBoundsE7 });
        return await ReadTileAsync(cells, thinned: true, cancellationToken);
    }

    private static NpgsqlCommand Command(ReadTransaction read, string sql, string userId, MapTileQuery query, MapTileGrid grid)
    {
        var command = read.Command(sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("from", TimeBounds.Start(query.From));
        command.Parameters.AddWithValue("to", TimeBounds.End(query.To));
        command.Parameters.AddWithValue("min_lng", grid.MinLngE7);
        command.Parameters.AddWithValue("max_lng", grid.MaxLngE7);
        command.Parameters.AddWithValue("min_lat", grid.MinLatE7);
        command.Parameters.AddWithValue("max_lat", grid.MaxLatE7);
        command.Parameters.AddWithValue("tiles", (double)(1L << query.Z));
        command.Parameters.AddWithValue("x", (double)query.X);
        command.Parameters.AddWithValue("y", (double)query.Y);
        return command;
    }

    private static async Task<MapTile> ReadTileAsync(NpgsqlCommand command, bool thinned, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var features = reader.GetInt64(1);
        return new MapTile(features == 0 ? [] : reader.GetFieldValue<byte[]>(0), reader.GetInt64(2), (int)features, thinned);
    }
}
