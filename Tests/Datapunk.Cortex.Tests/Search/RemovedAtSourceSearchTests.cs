using Datapunk.Lake;
using Npgsql;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>
/// A record its live source removed or cancelled (migration 0061) is still found by search, and its result
/// says so (<c>removedAtSource</c>, a field added to the result); another record is found as before.
/// </summary>
public sealed class RemovedAtSourceSearchTests
{
    [Fact]
    public async Task A_cancelled_event_is_found_marked_and_the_other_unmarked()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("removed");
        var start = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.CalendarEvent, "ical:lunch@google.com", "Team lunch", null, start),
            new(RecordKind.CalendarEvent, "ical:dinner@google.com", "Team dinner", null, start.AddDays(1)),
        ]);
        await using (var mark = engines.DataSource.CreateCommand("""
            UPDATE user_data.records SET removed_at_source = '2026-03-01T08:00:00Z', removed_reason = 'cancelled'
            WHERE user_id = $1 AND identity = 'ical:lunch@google.com'
            """))
        {
            mark.Parameters.Add(new NpgsqlParameter { Value = user });
            (await mark.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
        }

        var page = await engines.FindAsync(user, "team");

        page.Results.OrderBy(result => result.Id, StringComparer.Ordinal).Select(result => $"{result.Id} {result.RemovedAtSource?.Reason ?? "-"} {result.RemovedAtSource?.At:O}")
            .ShouldBe(["ical:dinner@google.com - ", "ical:lunch@google.com cancelled 2026-03-01T08:00:00.0000000+00:00"]);
    }
}
