using System.Globalization;
using Npgsql;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>
/// The columns that make a record a citation (kind, identity, time, title, the format it came from,
/// position), selected from a records alias joined with its file, and read back in that order.
/// </summary>
internal static class CitationSql
{
    public const int Count = 7;

    public static string Columns(string alias = "r") =>
        $"{alias}.kind, {alias}.identity, {alias}.occurred_at, {alias}.title, f.format_id, ST_Y({alias}.position::geometry), ST_X({alias}.position::geometry)";

    public static string Files(string alias = "r") => $"LEFT JOIN imports.files f ON f.file_id = {alias}.file_id";

    /// <summary>The citation whose <see cref="Count"/> columns start at <paramref name="at"/>.</summary>
    public static AnswerCitation Read(NpgsqlDataReader row, int at, AnswerScope scope)
    {
        DateTimeOffset? time = row.IsDBNull(at + 2) ? null : new DateTimeOffset(row.GetFieldValue<DateTime>(at + 2), TimeSpan.Zero);
        return new AnswerCitation(
            row.GetString(at + 1),
            ((RecordKind)row.GetInt16(at)).ToName(),
            time,
            time is { } utc ? scope.ToLocal(utc.UtcDateTime) : null,
            row.IsDBNull(at + 3) ? null : row.GetString(at + 3),
            row.IsDBNull(at + 4) ? null : row.GetString(at + 4),
            row.IsDBNull(at + 5) ? null : new GeoPoint(row.GetDouble(at + 5), row.GetDouble(at + 6)));
    }

    /// <summary>A location fix: its identity is its time (UTC, to the microsecond) and position in E7, unique per user.</summary>
    public static AnswerCitation Fix(DateTime time, int latitudeE7, int longitudeE7, string? format, DateTimeOffset localTime)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}/{latitudeE7}/{longitudeE7}");
        var utc = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        return new AnswerCitation(id, RecordKind.LocationPoint.ToName(), utc, localTime, null, format, new GeoPoint(latitudeE7 / 1e7, longitudeE7 / 1e7));
    }

    /// <summary>Every row of <paramref name="command"/> as a citation, its columns starting at <paramref name="at"/>.</summary>
    public static async Task<List<AnswerCitation>> ReadAllAsync(NpgsqlCommand command, AnswerScope scope, CancellationToken cancellationToken, int at = 0)
    {
        var citations = new List<AnswerCitation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            citations.Add(Read(reader, at, scope));
        }

        return citations;
    }
}
