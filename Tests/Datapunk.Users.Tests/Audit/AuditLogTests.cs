using Datapunk.Users.Audit;

namespace Datapunk.Users.Tests.Audit;

[Collection(AuditChainCollection.Name)]
public sealed class AuditLogTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Appended_entries_verify_and_read_back_newest_first_with_every_field()
    {
        var log = new PostgresAuditLog(await UsersDatabase.MigratedAsync());
        var user = UsersDatabase.NewUserId("trail");
        var details = new Dictionary<string, string> { ["route"] = "/api/v1/records", ["status"] = "200", ["ünïcode"] = "✓" };
        await log.AppendAsync(
            [new AuditEntry(user, user, AuditActions.RecordsRead, 42, "10.1.2.3", details), new AuditEntry(user, user, AuditActions.ImportsStart, 0, AuditOrigins.Cli)],
            Cancellation);
        await log.AppendAsync(new AuditEntry(AuditActors.System, user, AuditActions.Export, 7, AuditOrigins.System), Cancellation);

        var trail = await log.ReadTrailAsync(user, before: null, limit: 10, Cancellation);

        trail.Select(e => e.Action).ShouldBe([AuditActions.Export, AuditActions.ImportsStart, AuditActions.RecordsRead]);
        trail.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Descending);
        var read = trail[^1];
        (read.Actor, read.Subject, read.RecordCount, read.Origin, read.Redacted).ShouldBe((user, user, 42L, "10.1.2.3", false));
        read.Details.ShouldBe(details, ignoreOrder: true);
        read.At.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        trail[0].Actor.ShouldBe(AuditActors.System);

        var verification = await log.VerifyAsync(Cancellation);
        verification.Valid.ShouldBeTrue($"the chain should verify, but: {verification.Reason}");
        verification.HeadSequence.ShouldBeGreaterThanOrEqualTo(trail[0].Sequence);
        verification.EntriesChecked.ShouldBe(verification.HeadSequence);
    }

    [Fact]
    public async Task A_users_trail_holds_only_entries_that_name_them_and_pages_by_sequence()
    {
        var log = new PostgresAuditLog(await UsersDatabase.MigratedAsync());
        var (alice, bob, admin) = (UsersDatabase.NewUserId("alice"), UsersDatabase.NewUserId("bob"), UsersDatabase.NewUserId("admin"));
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(
                [new AuditEntry(alice, alice, AuditActions.RecordsRead, i, "127.0.0.1"), new AuditEntry(bob, bob, AuditActions.RecordsRead, i, "127.0.0.1")],
                Cancellation);
        }

        await log.AppendAsync(new AuditEntry(admin, alice, AuditActions.AdminActAs, 0, AuditOrigins.Cli), Cancellation);

        var aliceTrail = await log.ReadTrailAsync(alice, null, 100, Cancellation);
        aliceTrail.Count.ShouldBe(6);
        aliceTrail.ShouldAllBe(e => e.Subject == alice || e.Actor == alice);
        (await log.ReadTrailAsync(bob, null, 100, Cancellation)).ShouldAllBe(e => e.Subject == bob && e.Actor == bob);
        (await log.ReadTrailAsync(admin, null, 100, Cancellation)).Single().Subject.ShouldBe(alice);

        // Row-level security, not the query's WHERE clause, is what keeps other users' rows out.
        (await UsersDatabase.ScalarAsUserAsync<long>(alice, "SELECT count(*) FROM archive.audit_log")).ShouldBe(6);
        (await UsersDatabase.ScalarAsUserAsync<long>(bob, "SELECT count(*) FROM archive.audit_log")).ShouldBe(5);

        var firstPage = await log.ReadTrailAsync(alice, null, 4, Cancellation);
        var secondPage = await log.ReadTrailAsync(alice, firstPage[^1].Sequence, 4, Cancellation);
        firstPage.Concat(secondPage).Select(e => e.Sequence).ShouldBe(aliceTrail.Select(e => e.Sequence));
    }

    [Fact]
    public async Task The_application_may_only_insert_and_the_owner_may_not_change_entries()
    {
        var log = new PostgresAuditLog(await UsersDatabase.MigratedAsync());
        var user = UsersDatabase.NewUserId("rights");
        await log.AppendAsync(new AuditEntry(user, user, AuditActions.RecordsRead, 1, "127.0.0.1"), Cancellation);

        const string InsufficientPrivilege = "42501";
        (await UsersDatabase.FailureAsApplicationAsync($"UPDATE archive.audit_log SET record_count = 0 WHERE subject = '{user}'")).ShouldBe(InsufficientPrivilege);
        (await UsersDatabase.FailureAsApplicationAsync($"DELETE FROM archive.audit_log WHERE subject = '{user}'")).ShouldBe(InsufficientPrivilege);
        (await UsersDatabase.FailureAsApplicationAsync("SELECT * FROM archive.audit_chain_head")).ShouldBe(InsufficientPrivilege);
        (await UsersDatabase.FailureAsApplicationAsync("INSERT INTO archive.audit_log (seq, actor, subject, action, record_count, origin) VALUES (1, 'a', 'a', 'a', 0, 'a')"))
            .ShouldBe(InsufficientPrivilege, "the application must not choose sequence numbers or hashes");
        (await UsersDatabase.ScalarAsUserAsync<long>(UsersDatabase.NewUserId("nobody"), "SELECT count(*) FROM archive.audit_log")).ShouldBe(0);

        foreach (var change in new[] { $"UPDATE archive.audit_log SET record_count = 0 WHERE subject = '{user}'", $"DELETE FROM archive.audit_log WHERE subject = '{user}'", "TRUNCATE archive.audit_log" })
        {
            var refused = await UsersDatabase.FailureAsOwnerAsync(change);
            refused.ShouldNotBeNull($"the owner's '{change}' should be refused");
            refused.MessageText.ShouldContain("append-only");
        }
    }

    [Fact]
    public async Task Concurrent_appends_from_many_tasks_form_one_valid_chain()
    {
        var dataSource = await UsersDatabase.MigratedAsync();
        var user = UsersDatabase.NewUserId("busy");
        const int Writers = 16;
        const int AppendsEach = 20;
        // Each writer has its own log object, as each silo would.
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var log = new PostgresAuditLog(dataSource);
            for (var i = 0; i < AppendsEach; i++)
            {
                await log.AppendAsync(new AuditEntry(user, user, AuditActions.RecordsRead, i, $"writer-{writer}"), Cancellation);
            }
        }, Cancellation)));
        var singles = started.Elapsed;

        started.Restart();
        const int BatchSize = 30;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var batch = Enumerable.Range(0, BatchSize).Select(i => new AuditEntry(user, user, AuditActions.Export, i, $"batch-{writer}")).ToList();
            await new PostgresAuditLog(dataSource).AppendAsync(batch, Cancellation);
        }, Cancellation)));
        var batches = started.Elapsed;

        // Two silos' logs, each grouping the single appends its requests make at once.
        const int Grouped = 200;
        await using var firstSilo = new GroupCommitAuditLog(new PostgresAuditLog(dataSource));
        await using var secondSilo = new GroupCommitAuditLog(new PostgresAuditLog(dataSource));
        started.Restart();
        await Task.WhenAll(Enumerable.Range(0, Grouped).Select(i =>
            (i % 2 == 0 ? firstSilo : secondSilo).AppendAsync(new AuditEntry(user, user, AuditActions.AuditRead, i, "grouped"), Cancellation)));
        var grouped = started.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Writers * AppendsEach} single appends from {Writers} tasks in {singles.TotalSeconds:0.00} s = {Writers * AppendsEach / singles.TotalSeconds:0} appends/s; "
            + $"{Writers} batches of {BatchSize} in {batches.TotalSeconds:0.00} s = {Writers * BatchSize / batches.TotalSeconds:0} entries/s; "
            + $"{Grouped} concurrent appends through two group-commit logs in {grouped.TotalSeconds:0.00} s = {Grouped / grouped.TotalSeconds:0} appends/s");

        var log = new PostgresAuditLog(dataSource);
        var trail = await log.ReadTrailAsync(user, null, PostgresAuditLog.MaxTrailPage, Cancellation);
        trail.Count.ShouldBe(Writers * (AppendsEach + BatchSize) + Grouped);
        trail.Select(e => e.Sequence).Distinct().Count().ShouldBe(trail.Count);
        // A batch is one step of the chain: its entries are consecutive, in the order given.
        foreach (var batch in trail.Where(e => e.Action == AuditActions.Export).GroupBy(e => e.Origin))
        {
            var ordered = batch.OrderBy(e => e.Sequence).ToList();
            (ordered[^1].Sequence - ordered[0].Sequence).ShouldBe(BatchSize - 1);
            ordered.Select(e => e.RecordCount).ShouldBe(Enumerable.Range(0, BatchSize).Select(i => (long)i));
        }

        var verification = await log.VerifyAsync(Cancellation);
        verification.Valid.ShouldBeTrue($"the chain should verify after concurrent appends, but: {verification.Reason}");
    }

    [Fact]
    public async Task Bad_entries_are_refused_with_the_field_named()
    {
        var log = new PostgresAuditLog(await UsersDatabase.MigratedAsync());
        var user = UsersDatabase.NewUserId("bad");
        (await Should.ThrowAsync<ArgumentException>(() => log.AppendAsync(new AuditEntry(user, user, "Records Read", 1, "cli"), Cancellation)))
            .ParamName.ShouldBe("Action");
        (await Should.ThrowAsync<ArgumentException>(() => log.AppendAsync(new AuditEntry(user, " ", AuditActions.RecordsRead, 1, "cli"), Cancellation)))
            .ParamName.ShouldBe("Subject");
        (await Should.ThrowAsync<ArgumentException>(() => log.AppendAsync(new AuditEntry(user, user, AuditActions.RecordsRead, -1, "cli"), Cancellation)))
            .ParamName.ShouldBe("RecordCount");
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => log.ReadTrailAsync(user, null, 0, Cancellation));
        (await log.ReadTrailAsync(user, null, 10, Cancellation)).ShouldBeEmpty("nothing of a refused batch may be stored");
    }
}
