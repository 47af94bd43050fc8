using System.Data;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Users.Audit;

/// <summary>
/// Transactions in which the audit log is used as the application role (<c>datapunk_app</c>) with
/// no user named: it may append entries and call the log's functions, and its reads of
/// <c>archive.audit_log</c> itself see no rows. A user's trail is read in <see cref="UserDataScope"/> instead.
/// </summary>
internal static class AuditScope
{
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
