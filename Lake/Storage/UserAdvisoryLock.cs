using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// A transaction-level advisory lock keyed by a class of Datapunk's per-user locks and the user: it ends
/// with the transaction, on every silo alike (<see cref="FixWriterLock"/>, <see cref="PlayWriterLock"/>).
/// </summary>
internal static class UserAdvisoryLock
{
    public static Task SharedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int lockClass, string userId, CancellationToken cancellationToken) =>
        TakeAsync(connection, transaction, "pg_advisory_xact_lock_shared", lockClass, userId, cancellationToken);

    public static Task ExclusiveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int lockClass, string userId, CancellationToken cancellationToken) =>
        TakeAsync(connection, transaction, "pg_advisory_xact_lock", lockClass, userId, cancellationToken);

    private static async Task TakeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string function, int lockClass, string userId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}({lockClass}, hashtext($1))", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
