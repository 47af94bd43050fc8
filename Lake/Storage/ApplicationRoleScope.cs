using System.Data;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Transactions as the application role <c>datapunk_app</c> without naming a user: for tables that
/// hold no personal rows (credentials looked up before the caller is known). Row-level-secured
/// tables show nothing in such a transaction.
/// </summary>
public static class ApplicationRoleScope
{
    public static Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        BeginAsync(connection, IsolationLevel.ReadCommitted, cancellationToken);

    /// <summary>The same at another isolation level: the audit chain's verification reads many pages in one snapshot.</summary>
    public static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, IsolationLevel isolation, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
        try
        {
            await using var scope = new NpgsqlCommand($"SELECT set_config('role', '{UserDataScope.ApplicationRole}', true)", connection, transaction);
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
