using System.Data;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Transactions in which PostgreSQL's row-level security applies to one user. The silo connects
/// as a superuser, which bypasses RLS, so each transaction switches to the NOLOGIN role
/// <c>datapunk_app</c> and names the user; both settings end with the transaction.
/// </summary>
public static class UserDataScope
{
    public const string ApplicationRole = "datapunk_app";

    /// <summary>
    /// The role a read switches to when row-level security would keep PostgreSQL from using the index
    /// it needs (migration 0035: the full-text, trigram and bounding-box operators are not leakproof).
    /// It bypasses the policies with SELECT on the few tables such reads use, so the statement must
    /// filter by the user itself.
    /// </summary>
    public const string IndexedReadRole = "datapunk_search";

    /// <summary>Switches the rest of <paramref name="transaction"/> to <see cref="IndexedReadRole"/>.</summary>
    public static async Task ReadPastRowSecurityAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT set_config('role', '{IndexedReadRole}', true)", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Begins a transaction on <paramref name="connection"/> that sees and writes only <paramref name="userId"/>'s rows.</summary>
    public static Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, string userId, CancellationToken cancellationToken) =>
        BeginAsync(connection, userId, IsolationLevel.Unspecified, cancellationToken);

    /// <summary>
    /// The same, at <paramref name="isolation"/>: an export reads every table in one snapshot
    /// (<see cref="IsolationLevel.RepeatableRead"/>), so its counts and contents agree.
    /// </summary>
    public static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, string userId, IsolationLevel isolation, CancellationToken cancellationToken)
    {
        // A missing user is an error, never "all users": the policies would match nothing anyway.
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new InvalidOperationException("Personal data was accessed without a user id.");
        }

        var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
        try
        {
            await using var scope = new NpgsqlCommand(
                $"SELECT set_config('role', '{ApplicationRole}', true), set_config('datapunk.user_id', $1, true)", connection, transaction);
            scope.Parameters.Add(new NpgsqlParameter { Value = userId });
            await scope.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
