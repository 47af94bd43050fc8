using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>How many fixes a user has in a time range, the box around them and their first and last time: what a map needs to fit them.</summary>
public sealed class MapExtentReader(NpgsqlDataSource dataSource)
{
    public async Task<MapExtent> ReadAsync(string userId, TimeRange range, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        ReadingLimits.CheckRange(errors, range.From, range.To);
        errors.ThrowIfAny();
        await using var read = await ReadTransaction.BeginAsync(dataSource, userId, cancellationToken);
        await using var command = read.Command("""
            SELECT count(*), min(p.lng_e7), min(p.lat_e7), max(p.lng_e7), max(p.lat_e7), min(p.time), max(p.time)
            FROM timeseries.location_points p
            WHERE p.user_id = @user AND p.time >= @from AND p.time < @to
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("from", TimeBounds.Start(range.From));
        command.Parameters.AddWithValue("to", TimeBounds.End(range.To));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var fixes = reader.GetInt64(0);
        if (fixes == 0)
        {
            return new MapExtent(0, null, null, null);
        }

        var box = new BoundingBox(reader.GetInt32(1) / 1e7, reader.GetInt32(2) / 1e7, reader.GetInt32(3) / 1e7, reader.GetInt32(4) / 1e7);
        return new MapExtent(fixes, box, StoredTime.Of(reader, 5), StoredTime.Of(reader, 6));
    }
}
