namespace Datapunk.Silo.Tests.Ingest;

/// <summary>A stored fix as the database holds it, with the format and source of the file it came from.</summary>
internal sealed record StoredFix(DateTime Time, int LatitudeE7, int LongitudeE7, int? Accuracy, int? Altitude, int? Velocity, int? Heading,
    string? Source, int? Device, string? Format, string? FileSource);

/// <summary>Reads a user's fixes as the owner (past row-level security): what the endpoints stored, not what an API shows.</summary>
internal static class StoredFixes
{
    public static async Task<List<StoredFix>> OfAsync(TestDatabase database, string userId, CancellationToken cancellationToken) =>
        await database.QueryAsync("""
            SELECT p.time, p.lat_e7, p.lng_e7, p.accuracy_m, p.altitude_m, p.velocity_mps, p.heading, p.source, p.device, f.format_id, f.source
            FROM timeseries.location_points p LEFT JOIN imports.files f ON f.file_id = p.file_id
            WHERE p.user_id = @user ORDER BY p.time, p.lat_e7
            """,
            new Dictionary<string, object> { ["user"] = userId },
            reader => new StoredFix(
                reader.GetFieldValue<DateTime>(0), reader.GetInt32(1), reader.GetInt32(2), Int(reader, 3), Int(reader, 4), Int(reader, 5), Int(reader, 6),
                reader.IsDBNull(7) ? null : reader.GetString(7), Int(reader, 8), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10)),
            cancellationToken);

    private static int? Int(Npgsql.NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
