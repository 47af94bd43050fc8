using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>
/// A read-only transaction in which row-level security shows one user's rows
/// (<see cref="UserDataScope"/>), with a statement timeout: every reading query runs in one.
/// </summary>
internal sealed class ReadTransaction : IAsyncDisposable
{
    private readonly int _timeoutSeconds;

    private ReadTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, int timeoutSeconds)
    {
        Connection = connection;
        Transaction = transaction;
        _timeoutSeconds = timeoutSeconds;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static Task<ReadTransaction> BeginAsync(NpgsqlDataSource dataSource, string userId, CancellationToken cancellationToken) =>
        BeginAsync(dataSource, userId, ReadingLimits.StatementTimeoutSeconds, cancellationToken);

    /// <summary>The same with a longer statement timeout: a catalog refresh reads whole datasets in the background.</summary>
    public static Task<ReadTransaction> BeginAsync(NpgsqlDataSource dataSource, string userId, int timeoutSeconds, CancellationToken cancellationToken) =>
        BeginAsync(dataSource, userId, timeoutSeconds, readOnly: true, cancellationToken);

    /// <summary>
    /// A read that may keep what it derived from the user's rows for the next read (the map's month extents,
    /// <see cref="FixMonthExtents"/>): not read-only, and kept only when it is committed (<see cref="CommitAsync"/>).
    /// </summary>
    public static Task<ReadTransaction> BeginKeepingAsync(NpgsqlDataSource dataSource, string userId, CancellationToken cancellationToken) =>
        BeginAsync(dataSource, userId, ReadingLimits.StatementTimeoutSeconds, readOnly: false, cancellationToken);

    private static async Task<ReadTransaction> BeginAsync(
        NpgsqlDataSource dataSource, string userId, int timeoutSeconds, bool readOnly, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
            // Switching a transaction to read-only is allowed after its first query (the scope's settings).
            var readOnlySetting = readOnly ? "SET TRANSACTION READ ONLY; " : "";
            await SqlStatements.ExecuteAsync(
                connection, transaction, $"{readOnlySetting}SET LOCAL statement_timeout = '{timeoutSeconds}s'", cancellationToken);
            return new ReadTransaction(connection, transaction, timeoutSeconds);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A command of this transaction; the client waits a little longer than the server's statement timeout, which ends it first.</summary>
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction) { CommandTimeout = _timeoutSeconds + 5 };

    /// <summary>Keeps what a <see cref="BeginKeepingAsync"/> read stored; a transaction disposed uncommitted keeps nothing.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
