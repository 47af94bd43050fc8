using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// A read-only transaction in which row-level security shows one user's rows
/// (<see cref="UserDataScope"/>), with a statement timeout: every reading query runs in one.
/// </summary>
internal sealed class ReadTransaction : IAsyncDisposable
{
    private ReadTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static Task<ReadTransaction> BeginAsync(NpgsqlDataSource dataSource, string userId, CancellationToken cancellationToken) =>
        BeginAsync(dataSource, userId, ReadingLimits.StatementTimeoutSeconds, cancellationToken);

    /// <summary>The same with a longer statement timeout: a catalog refresh reads whole datasets in the background.</summary>
    public static async Task<ReadTransaction> BeginAsync(NpgsqlDataSource dataSource, string userId, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
            // Switching a transaction to read-only is allowed after its first query (the scope's settings).
            await SqlStatements.ExecuteAsync(
                connection, transaction, $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = '{timeoutSeconds}s'", cancellationToken);
            return new ReadTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
