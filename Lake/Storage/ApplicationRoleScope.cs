using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Transactions as the application role <c>datapunk_app</c> without naming a user: for tables that
/// hold no personal rows (credentials looked up before the caller is known). Row-level-secured
/// tables show nothing in such a transaction.
/// </summary>
public static class ApplicationRoleScope
{
    public static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
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
