using Datapunk.Lake;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Cortex.Tests.Infrastructure;

/// <summary>Synthetic fixes and records written straight into a user's tables, under the user's row-level security.</summary>
internal sealed class LocatedData(NpgsqlDataSource dataSource, string userId)
{
    private readonly List<(DateTime At, double Lat, double Lng)> _fixes = [];
    private readonly List<(RecordKind Kind, string Identity, DateTime At, string? Title, (double Lat, double Lng)? Position, string? Source, DateTime? EndedAt)> _records = [];

    /// <summary>A fix every <paramref name="step"/> from <paramref name="from"/> until before <paramref name="to"/> at one place.</summary>
    public LocatedData Stay(DateTime from, DateTime to, double lat, double lng, TimeSpan step)
    {
        for (var at = from; at < to; at += step)
        {
            _fixes.Add((at, lat, lng));
        }

        return this;
    }

    public LocatedData Record(RecordKind kind, string identity, DateTime at, string? title = null, (double Lat, double Lng)? position = null, string? source = null,
        DateTime? endedAt = null)
    {
        _records.Add((kind, identity, at, title, position, source, endedAt));
        return this;
    }

    public async Task WriteAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        var months = _fixes.Select(fix => (fix.At.Year * 12) + fix.At.Month - 1).Distinct().ToList();
        await new LocationPartitions(dataSource).EnsureAsync(userId, months, cancel);

        await using var connection = await dataSource.OpenConnectionAsync(cancel);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancel);
        await using (var fixes = new NpgsqlCommand("""
            INSERT INTO timeseries.location_points (user_id, time, lat_e7, lng_e7, file_id, position)
            SELECT @user, t, round(lat * 1e7)::int, round(lng * 1e7)::int, 1, ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography
            FROM unnest(@times, @lats, @lngs) AS f(t, lat, lng)
            """, connection, transaction))
        {
            fixes.Parameters.AddWithValue("user", userId);
            fixes.Parameters.AddWithValue("times", _fixes.Select(fix => fix.At).ToArray());
            fixes.Parameters.AddWithValue("lats", _fixes.Select(fix => fix.Lat).ToArray());
            fixes.Parameters.AddWithValue("lngs", _fixes.Select(fix => fix.Lng).ToArray());
            await fixes.ExecuteNonQueryAsync(cancel);
        }

        foreach (var record in _records)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO user_data.records (user_id, kind, identity, occurred_at, ended_at, title, position, source, file_id)
                VALUES (@user, @kind, @identity, @at, @ended, @title,
                        CASE WHEN @lat::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(@lng::float8, @lat::float8), 4326)::geography END,
                        @source::jsonb, 1)
                """, connection, transaction);
            insert.Parameters.AddWithValue("user", userId);
            insert.Parameters.AddWithValue("kind", (short)record.Kind);
            insert.Parameters.AddWithValue("identity", record.Identity);
            insert.Parameters.AddWithValue("at", record.At);
            insert.Parameters.AddWithValue("ended", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)record.EndedAt ?? DBNull.Value);
            insert.Parameters.AddWithValue("title", (object?)record.Title ?? DBNull.Value);
            insert.Parameters.AddWithValue("lat", (object?)record.Position?.Lat ?? DBNull.Value);
            insert.Parameters.AddWithValue("lng", (object?)record.Position?.Lng ?? DBNull.Value);
            insert.Parameters.AddWithValue("source", (object?)record.Source ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(cancel);
        }

        await transaction.CommitAsync(cancel);
    }
}
