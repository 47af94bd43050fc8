using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Cortex.Places;

/// <summary>A connection and a transaction in one user's row-level-security scope (<see cref="UserDataScope"/>).</summary>
internal sealed class UserScope : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private UserScope(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<UserScope> OpenAsync(NpgsqlDataSource dataSource, string userId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return new UserScope(connection, await UserDataScope.BeginAsync(connection, userId, cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand Command(string sql) => new(sql, _connection, _transaction);

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
