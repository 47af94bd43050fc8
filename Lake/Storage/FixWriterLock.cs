using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Keeps a live batch of fixes (<see cref="Live.LiveFixStore"/>) from merging alongside another write
/// of the same user's fixes: a merge pairs its fixes with those already stored, and a fix a
/// concurrent transaction is storing is invisible to it, so two copies of one fix at different
/// precisions would both be stored (the unique index only catches exact copies). An import's chunk
/// merges take the lock shared (they keep their own turns by time range, <see cref="Pipeline.MergeRangeGate"/>);
/// a live batch takes it exclusively. A transaction-level advisory lock keyed by the user: it ends
/// with the transaction, on every silo alike.
/// </summary>
internal static class FixWriterLock
{
    // The two-key form's first key: the class of Datapunk's per-user fix-writer locks.
    private const int LockClass = 0x0DA7_0004;

    public static Task SharedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, CancellationToken cancellationToken) =>
        UserAdvisoryLock.SharedAsync(connection, transaction, LockClass, userId, cancellationToken);

    public static Task ExclusiveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, CancellationToken cancellationToken) =>
        UserAdvisoryLock.ExclusiveAsync(connection, transaction, LockClass, userId, cancellationToken);
}
