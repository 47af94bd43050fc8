using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Cortex.Places;

/// <summary>
/// The user's zone spans as the pass stored them (<see cref="LocalZonePass"/>): what the Lake's readers,
/// and search and answers, make local days and times from (<see cref="LocalClock"/>).
/// </summary>
public sealed class LocalZoneSpans(NpgsqlDataSource dataSource) : ILocalZoneSpans
{
    public async Task<IReadOnlyList<ZoneSpan>> ReadAsync(string userId, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        await using var scope = await UserScope.OpenAsync(dataSource, userId, cancellationToken);
        await using var command = scope.Command("""
            SELECT starts_at, ends_at, zone FROM user_data.local_zone_spans
            WHERE user_id = @user AND ends_at > @start AND starts_at < @end
            ORDER BY starts_at
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        var spans = new List<ZoneSpan>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            spans.Add(new ZoneSpan(reader.GetFieldValue<DateTime>(0), reader.GetFieldValue<DateTime>(1), reader.GetString(2)));
        }

        return spans;
    }
}
