using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Lake.Catalog;

/// <summary>
/// The refreshes a user's catalog was asked for, in <c>user_data.catalog_refreshes</c>: a request not yet done is what
/// the catalog grain resumes after a silo is lost. Requests made while none is waiting add a row; the rest join it.
/// </summary>
public sealed class CatalogRefreshRequests(NpgsqlDataSource dataSource)
{
    private const string Request = """
        INSERT INTO user_data.catalog_refreshes (user_id, refresh_no, reason)
        SELECT @user, coalesce(max(refresh_no), 0) + 1, @reason FROM user_data.catalog_refreshes WHERE user_id = @user
        HAVING NOT bool_or(coalesce(finished_at IS NULL AND started_at IS NULL, false)) OR count(*) = 0
        ON CONFLICT DO NOTHING
        """;

    private const string Pending = "SELECT EXISTS (SELECT 1 FROM user_data.catalog_refreshes WHERE user_id = @user AND finished_at IS NULL)";

    private const string Start = "UPDATE user_data.catalog_refreshes SET started_at = now() WHERE user_id = @user AND finished_at IS NULL AND started_at IS NULL";

    /// <summary>Records that the user's catalog should be refreshed, and why.</summary>
    public Task RequestAsync(string userId, string reason, CancellationToken cancellationToken) =>
        ExecuteAsync(Request, userId, reason, cancellationToken);

    /// <summary>Whether a refresh was asked for and has not completed.</summary>
    public async Task<bool> PendingAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand(Pending, connection, transaction);
        command.Parameters.AddWithValue("user", userId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Marks the waiting requests as started: a request made from now on asks for another refresh.</summary>
    internal Task StartAsync(string userId, CancellationToken cancellationToken) => ExecuteAsync(Start, userId, null, cancellationToken);

    private async Task ExecuteAsync(string sql, string userId, string? reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            command.Parameters.AddWithValue("user", userId);
            if (reason is not null)
            {
                command.Parameters.AddWithValue("reason", reason);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
