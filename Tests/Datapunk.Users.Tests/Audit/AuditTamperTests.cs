using System.Data;
using Datapunk.Lake.Storage;
using Datapunk.Users.Audit;
using Npgsql;

namespace Datapunk.Users.Tests.Audit;

/// <summary>
/// What the chain shows when a superuser goes around the append-only triggers: each test tampers
/// in a transaction with triggers off (<c>session_replication_role = replica</c>), verifies inside
/// it as the application would, and rolls back, so the shared chain stays intact.
/// </summary>
[Collection(AuditChainCollection.Name)]
public sealed class AuditTamperTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_changed_entry_is_the_first_broken_one()
    {
        var (log, sequences) = await AppendThreeAsync();
        var verification = await VerifyTamperedAsync($"UPDATE archive.audit_log SET record_count = record_count + 1 WHERE seq = {sequences[1]}");
        AssertBrokenAt(verification, sequences[1], "changed");
        (await log.VerifyAsync(Cancellation)).Valid.ShouldBeTrue("the tampering was rolled back");
    }

    [Fact]
    public async Task A_removed_entry_is_reported_missing()
    {
        var (_, sequences) = await AppendThreeAsync();
        var verification = await VerifyTamperedAsync($"DELETE FROM archive.audit_log WHERE seq = {sequences[1]}");
        AssertBrokenAt(verification, sequences[1], "missing");
    }

    [Fact]
    public async Task Swapped_entries_break_the_chain_at_the_first_of_them()
    {
        var (_, sequences) = await AppendThreeAsync();
        var verification = await VerifyTamperedAsync($"""
            UPDATE archive.audit_log SET seq = -1 WHERE seq = {sequences[1]};
            UPDATE archive.audit_log SET seq = {sequences[1]} WHERE seq = {sequences[2]};
            UPDATE archive.audit_log SET seq = {sequences[2]} WHERE seq = -1;
            """);
        AssertBrokenAt(verification, sequences[1], "previous hash");
    }

    [Fact]
    public async Task Entries_removed_from_the_end_are_reported_from_the_chain_head()
    {
        var (_, sequences) = await AppendThreeAsync();
        var verification = await VerifyTamperedAsync($"DELETE FROM archive.audit_log WHERE seq >= {sequences[1]}");
        AssertBrokenAt(verification, sequences[1], "head");
    }

    [Fact]
    public async Task A_redaction_without_a_tombstone_is_reported()
    {
        var (_, sequences) = await AppendThreeAsync();
        var verification = await VerifyTamperedAsync($"UPDATE archive.audit_log SET redacted = true, redacted_by = {sequences[2]} WHERE seq = {sequences[0]}");
        AssertBrokenAt(verification, sequences[0], "redacted");
    }

    private static async Task<(PostgresAuditLog Log, long[] Sequences)> AppendThreeAsync()
    {
        var log = new PostgresAuditLog(await UsersDatabase.MigratedAsync());
        var user = UsersDatabase.NewUserId("tamper");
        await log.AppendAsync(
            Enumerable.Range(1, 3).Select(i => new AuditEntry(user, user, AuditActions.RecordsRead, i, "127.0.0.1")).ToList(), Cancellation);
        var sequences = (await log.ReadTrailAsync(user, null, 10, Cancellation)).Select(e => e.Sequence).Order().ToArray();
        (await log.VerifyAsync(Cancellation)).Valid.ShouldBeTrue("the chain should be valid before the tampering");
        return (log, sequences);
    }

    private static async Task<AuditVerification> VerifyTamperedAsync(string tampering)
    {
        await using var connection = await (await UsersDatabase.MigratedAsync()).OpenConnectionAsync(Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, Cancellation);
        await using (var tamper = new NpgsqlCommand($"SET LOCAL session_replication_role = replica; {tampering}", connection, transaction))
        {
            await tamper.ExecuteNonQueryAsync(Cancellation);
        }

        await using (var asApplication = new NpgsqlCommand($"SET LOCAL role {UserDataScope.ApplicationRole}", connection, transaction))
        {
            await asApplication.ExecuteNonQueryAsync(Cancellation);
        }

        var verification = await PostgresAuditLog.VerifyChainAsync(connection, transaction, Cancellation);
        await transaction.RollbackAsync(Cancellation);
        return verification;
    }

    private static void AssertBrokenAt(AuditVerification verification, long sequence, string why)
    {
        verification.Valid.ShouldBeFalse("the tampered chain should not verify");
        verification.FirstBrokenSequence.ShouldBe(sequence, $"the first broken entry should be {sequence}; the report says: {verification.Reason}");
        verification.Reason.ShouldNotBeNull().ShouldContain(why);
    }
}
