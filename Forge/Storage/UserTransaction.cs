using System.Data;
using Datapunk.Lake.Storage;

namespace Datapunk.Forge.Storage;

/// <summary>
/// A connection and a transaction that see and write only one user's rows (<see cref="UserDataScope"/>),
/// with commands taking positional parameters ($1, $2, …): every Forge statement runs in one.
/// </summary>
internal sealed class UserTransaction : IAsyncDisposable
{
    private UserTransaction(string userId, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        UserId = userId;
        Connection = connection;
        Transaction = transaction;
    }

    public string UserId { get; }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<UserTransaction> BeginAsync(
        NpgsqlDataSource dataSource, string userId, CancellationToken cancellationToken, IsolationLevel isolation = IsolationLevel.Unspecified)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return new UserTransaction(userId, connection, await UserDataScope.BeginAsync(connection, userId, isolation, cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand Command(string sql, params object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, Connection, Transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        return command;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetDateTime(ordinal), TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
