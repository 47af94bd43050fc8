using Datapunk.Users.Audit;

namespace Datapunk.Users.Tests.Audit;

[Collection(AuditChainCollection.Name)]
public sealed class AuditRedactionTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redaction_removes_the_user_from_every_column_leaves_a_tombstone_and_keeps_the_chain_valid()
    {
        var log = new PostgresAuditLog(await UsersDatabase.MigratedAsync());
        var (erased, admin, other) = (UsersDatabase.NewUserId("erased"), UsersDatabase.NewUserId("admin"), UsersDatabase.NewUserId("other"));
        await log.AppendAsync(
        [
            new AuditEntry(erased, erased, AuditActions.RecordsRead, 3, "192.0.2.1", new Dictionary<string, string> { ["query"] = "my diary" }),
            new AuditEntry(admin, erased, AuditActions.AdminActAs, 0, AuditOrigins.Cli),
            new AuditEntry(erased, erased, AuditActions.TokenCreate, 1, "192.0.2.1"),
            new AuditEntry(other, other, AuditActions.RecordsRead, 9, "192.0.2.2", new Dictionary<string, string> { ["query"] = "theirs" }),
        ], Cancellation);

        var tombstone = await log.RedactSubjectAsync(erased, Cancellation);

        (await UsersDatabase.ScalarAsync<long>("SELECT count(*) FROM archive.audit_log l WHERE strpos(l::text, $1) > 0", erased))
            .ShouldBe(0, "no column of any entry may still hold the erased user's id");
        (await UsersDatabase.ScalarAsync<long>("SELECT count(*) FROM archive.audit_log l WHERE strpos(l::text, 'my diary') > 0"))
            .ShouldBe(0, "the erased user's details must be gone");
        (await UsersDatabase.ScalarAsync<string>("SELECT action || ':' || record_count || ':' || subject FROM archive.audit_log WHERE seq = $1", tombstone))
            .ShouldBe($"{AuditActions.AccountErased}:3:{AuditActors.Erased}");

        var adminTrail = await log.ReadTrailAsync(admin, null, 10, Cancellation);
        (adminTrail.Single().Actor, adminTrail.Single().Subject, adminTrail.Single().Redacted).ShouldBe((admin, AuditActors.Erased, true));
        var otherTrail = await log.ReadTrailAsync(other, null, 10, Cancellation);
        (otherTrail.Single().Redacted, otherTrail.Single().Details!["query"]).ShouldBe((false, "theirs"));
        (await log.ReadTrailAsync(erased, null, 10, Cancellation)).ShouldBeEmpty();

        var verification = await log.VerifyAsync(Cancellation);
        verification.Valid.ShouldBeTrue($"the chain should verify after a redaction, but: {verification.Reason}");
    }

    [Fact]
    public async Task Redaction_refuses_names_that_are_not_users()
    {
        var log = new PostgresAuditLog(await UsersDatabase.MigratedAsync());
        var refused = await Should.ThrowAsync<Npgsql.PostgresException>(() => log.RedactSubjectAsync(AuditActors.System, Cancellation));
        refused.MessageText.ShouldContain("not a user id");
    }
}
