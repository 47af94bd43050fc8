using Datapunk.Streams.Polling;

namespace Datapunk.Streams.Tests;

/// <summary>
/// What Google Calendar's incremental synchronization says of stored events: a deleted event (a stub with
/// its id only) and a cancelled overridden instance keep their records, marked cancelled; an event restored
/// loses the mark. A synchronization read twice leaves the same rows, and another user's record of the
/// same event is untouched.
/// </summary>
public sealed class GoogleCalendarRemovalTests : GoogleCalendarEngineTest
{
    [Fact]
    public async Task A_deleted_event_and_a_cancelled_instance_stay_marked_cancelled_and_a_restored_event_is_unmarked()
    {
        var (userId, account, key) = await ConnectedAsync(account =>
        {
            account.Put(account.Email, Event("lunch", "lunch@google.com", "Lunch", At("2026-03-02T12:00:00+01:00"), At("2026-03-02T13:00:00+01:00")));
            account.Put(account.Email, Event("talk", "talk@google.com", "Talk", At("2026-03-03T12:00:00+01:00"), At("2026-03-03T13:00:00+01:00")));
            var moved = Event("standup_20260112T080000Z", "standup@google.com", "Standup (moved)", At("2026-01-12T10:00:00+01:00"), At("2026-01-12T10:15:00+01:00"));
            moved["recurringEventId"] = "standup";
            moved["originalStartTime"] = At("2026-01-12T09:00:00+01:00");
            account.Put(account.Email, moved);
        });
        var (otherUser, _, otherKey) = await ConnectedAsync(account =>
            account.Put(account.Email, Event("lunch", "lunch@google.com", "Lunch", At("2026-03-02T12:00:00+01:00"), At("2026-03-02T13:00:00+01:00"))));
        var poller = Engine.Get<ConnectionPoller>();
        (await poller.PollAsync(key, Cancel)).NewRecords.ShouldBe(3);
        (await poller.PollAsync(otherKey, Cancel)).NewRecords.ShouldBe(1);
        var before = await SourceMarks.CursorAsync(Engine, key);

        account.Delete(account.Email, "lunch");
        account.Delete(account.Email, "standup_20260112T080000Z");
        var next = await poller.PollAsync(key, Cancel);

        next.Succeeded.ShouldBeTrue(next.Error);
        (await SourceMarks.OfAsync(userId, "calendar_events")).ShouldBe("""
            Lunch cancelled
            Standup (moved) cancelled
            Talk -
            """.ReplaceLineEndings("\n"), "the records stay, marked; the stubs had no iCalUID, so the records were found by the eventId they keep");
        (await SourceMarks.OfAsync(otherUser, "calendar_events")).ShouldBe("Lunch -", "the other user's event of the same identity and id is theirs");

        var state = await SourceMarks.StateAsync(userId);
        (await SourceMarks.ReplayAsync(Engine, key, before)).Succeeded.ShouldBeTrue();
        (await SourceMarks.StateAsync(userId)).ShouldBe(state, "the same changes read again change nothing, not even when the cancellation was seen");

        account.Put(account.Email, Event("lunch", "lunch@google.com", "Lunch", At("2026-03-02T12:00:00+01:00"), At("2026-03-02T13:00:00+01:00")));
        (await poller.PollAsync(key, Cancel)).Succeeded.ShouldBeTrue();
        (await SourceMarks.OfAsync(userId, "calendar_events")).ShouldBe("""
            Lunch -
            Standup (moved) cancelled
            Talk -
            """.ReplaceLineEndings("\n"), "restored at Google, the lunch happens again");
    }
}
