using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// A user's location fixes in a box and time range for a map: every fix in time order when there
/// are at most the limit, otherwise one point per occupied cell of a <see cref="MapGrid"/> over the
/// box (the mean position of the cell's fixes, how many, and their first and last time), so the
/// answer never exceeds the limit however many fixes there are.
/// </summary>
public sealed class MapPointsReader(NpgsqlDataSource dataSource)
{
    private const string InBox = """
        FROM timeseries.location_points p
        WHERE p.user_id = @user AND p.time >= @from AND p.time < @to
          AND p.lng_e7 BETWEEN @min_lng AND @max_lng AND p.lat_e7 BETWEEN @min_lat AND @max_lat
        """;

    public async Task<MapPoints> ReadAsync(string userId, MapQuery query, CancellationToken cancellationToken)
    {
        MapQueries.Check(query, ReadingLimits.MaxMapPoints).ThrowIfAny();
        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);

        // Whether there are more fixes than the limit is known after reading limit + 1 of them; a grid's
        // cells then count them all in the one scan that groups them.
        await using var probe = Command(read, $"SELECT count(*) FROM (SELECT 1 {InBox} LIMIT @limit + 1) fixes", userId, query);
        probe.Parameters.AddWithValue("limit", query.Limit);
        var found = (long)(await probe.ExecuteScalarAsync(cancellationToken))!;
        if (found <= query.Limit)
        {
            await using var all = Command(read, $"SELECT p.lat_e7, p.lng_e7, 1::bigint, p.time, p.time {InBox} ORDER BY p.time", userId, query);
            return new MapPoints(found, await ReadPointsAsync(all, cancellationToken), null);
        }

        var grid = MapGrid.For(query.Box, query.Limit);
        // At most limit groups, so hashing them fits in memory; with the default work_mem the planner
        // expected too many and sorted the year's fixes on disk instead (measured: 530 ms against 130 ms
        // for 200,000 fixes; docs/benchmarks.md).
        await SqlStatements.ExecuteAsync(read.Connection, read.Transaction, "SET LOCAL work_mem = '32MB'", cancellationToken);
        await using var cells = Command(read, $"""
            SELECT round(avg(p.lat_e7))::integer, round(avg(p.lng_e7))::integer, count(*), min(p.time), max(p.time)
            {InBox}
            GROUP BY least((p.lng_e7 - @grid_lng) / @cell_width, @columns - 1) * @rows + least((p.lat_e7 - @grid_lat) / @cell_height, @rows - 1)
            ORDER BY min(p.time)
            """, userId, query);
        cells.Parameters.AddWithValue("grid_lng", grid.MinLngE7);
        cells.Parameters.AddWithValue("grid_lat", grid.MinLatE7);
        cells.Parameters.AddWithValue("cell_width", grid.CellWidthE7);
        cells.Parameters.AddWithValue("cell_height", grid.CellHeightE7);
        cells.Parameters.AddWithValue("columns", (long)grid.Columns);
        cells.Parameters.AddWithValue("rows", (long)grid.Rows);
        var points = await ReadPointsAsync(cells, cancellationToken);
        return new MapPoints(points.Sum(point => point.Fixes), points, grid.Describe());
    }

    private static NpgsqlCommand Command(ReadTransaction read, string sql, string userId, MapQuery query)
    {
        var command = read.Command(sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("from", TimeBounds.Start(query.From));
        command.Parameters.AddWithValue("to", TimeBounds.End(query.To));
        command.Parameters.AddWithValue("min_lng", (int)Math.Floor(query.Box.MinLng * 1e7));
        command.Parameters.AddWithValue("max_lng", (int)Math.Ceiling(query.Box.MaxLng * 1e7));
        command.Parameters.AddWithValue("min_lat", (int)Math.Floor(query.Box.MinLat * 1e7));
        command.Parameters.AddWithValue("max_lat", (int)Math.Ceiling(query.Box.MaxLat * 1e7));
        return command;
    }

    private static async Task<IReadOnlyList<MapPoint>> ReadPointsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var points = new List<MapPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new MapPoint(
                reader.GetInt32(0) / 1e7, reader.GetInt32(1) / 1e7, reader.GetInt64(2), StoredTime.Required(reader, 3), StoredTime.Required(reader, 4)));
        }

        return points;
    }
}
