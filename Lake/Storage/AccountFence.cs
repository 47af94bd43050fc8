using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Holds the user's account row (<c>FOR KEY SHARE</c>) for the rest of a writing transaction that did
/// not go through the user's grain, so it and an erasure take turns: an erasure deletes the account
/// row before any of the user's data (its tables go in name order, <c>auth</c> first), so it waits
/// for a write that holds the row and then deletes what it wrote; a write that comes after finds no
/// account and stores nothing (<see cref="AccountGoneException"/>).
/// </summary>
public static class AccountFence
{
    /// <summary>Throws <see cref="AccountGoneException"/> now, before anything is made for a user who is gone (their location leaves).</summary>
    public static async Task CheckAsync(NpgsqlDataSource dataSource, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await HoldAsync(connection, transaction, userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task HoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM auth.accounts WHERE user_id = $1 FOR KEY SHARE", connection, transaction)
        {
            Parameters = { new() { Value = userId } },
        };
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            throw new AccountGoneException(userId);
        }
    }
}

/// <summary>A write for a user whose account no longer exists (it was erased): nothing was stored.</summary>
public sealed class AccountGoneException(string userId)
    : Exception($"The account '{userId}' no longer exists (it was erased): nothing was stored.")
{
    public string UserId { get; } = userId;
}
