namespace Datapunk.Cluster.Tests.Failover;

/// <summary>The audit itself: it must find what it is there to find, or a clean kill test proves nothing.</summary>
public sealed class ActivationHistoryAuditTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime KilledAt = Start.AddSeconds(10);
    private static readonly DateTime Now = Start.AddSeconds(60);
    private static readonly Dictionary<string, DateTime> Dead = new() { ["killed"] = KilledAt };

    [Fact]
    public void A_takeover_after_the_killed_silos_death_is_clean()
    {
        var audit = Audit(
            Record("g", "killed", epoch: 1, startedAt: 0, stoppedAt: null),
            Record("g", "live", epoch: 2, startedAt: 14, stoppedAt: null));

        audit.FindOverlaps().ShouldBeEmpty();
        audit.FindTakeoversWithoutNewerEpoch("killed", KilledAt).ShouldBeEmpty();
    }

    [Fact]
    public void An_open_activation_on_the_killed_silo_overlaps_one_started_before_the_kill()
    {
        var audit = Audit(
            Record("g", "killed", epoch: 1, startedAt: 0, stoppedAt: null),
            Record("g", "live", epoch: 2, startedAt: 9, stoppedAt: null));

        audit.FindOverlaps().Count.ShouldBe(1);
    }

    [Fact]
    public void An_open_activation_on_a_live_silo_overlaps_every_later_one()
    {
        var audit = Audit(
            Record("g", "a", epoch: 1, startedAt: 0, stoppedAt: null),
            Record("g", "b", epoch: 2, startedAt: 20, stoppedAt: 30),
            Record("g", "c", epoch: 3, startedAt: 40, stoppedAt: null));

        audit.FindOverlaps().Count.ShouldBe(2);
    }

    [Fact]
    public void Intervals_that_touch_do_not_overlap()
    {
        var audit = Audit(
            Record("g", "a", epoch: 1, startedAt: 0, stoppedAt: 5),
            Record("g", "b", epoch: 2, startedAt: 5, stoppedAt: null),
            Record("other", "a", epoch: 1, startedAt: 0, stoppedAt: null));

        audit.FindOverlaps().ShouldBeEmpty();
    }

    [Fact]
    public void A_takeover_under_the_killed_silos_epoch_is_reported()
    {
        var audit = Audit(
            Record("g", "killed", epoch: 4, startedAt: 0, stoppedAt: null),
            Record("g", "live", epoch: 4, startedAt: 14, stoppedAt: null));

        audit.FindTakeoversWithoutNewerEpoch("killed", KilledAt).Count.ShouldBe(1);
    }

    private static ActivationHistoryAudit Audit(params ActivationRecord[] records) => ActivationHistoryAudit.Create([.. records], Dead, Now);

    private static ActivationRecord Record(string grain, string silo, long epoch, int startedAt, int? stoppedAt) =>
        new(grain, silo, 0, epoch, Start.AddSeconds(startedAt), stoppedAt is { } stopped ? Start.AddSeconds(stopped) : null);
}
