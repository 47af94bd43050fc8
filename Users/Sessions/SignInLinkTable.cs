using Datapunk.Lake.Storage;
using Datapunk.Users.Tokens;
using Npgsql;

namespace Datapunk.Users.Sessions;

/// <summary><c>auth.sign_in_links</c>: one-time codes that sign an account in once (the owner's first sign-in).</summary>
public sealed class SignInLinkTable(NpgsqlDataSource dataSource)
{
    public async Task<string> CreateAsync(string userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var code = AccessTokenText.NewSecret();
        await ExecuteAsync("INSERT INTO auth.sign_in_links (code_hash, user_id, expires_at) VALUES ($1, $2, now() + $3)",
            cancellationToken, AccessTokenText.Hash(code), userId, lifetime);
        return code;
    }

    /// <summary>The user a code signs in, once; null when the code is unknown, used or expired.</summary>
    public async Task<string?> RedeemAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ApplicationRoleScope.BeginAsync(connection, cancellationToken);
        await using var command = AuthSql.Command("""
            UPDATE auth.sign_in_links SET used_at = now()
            WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id
            """, connection, transaction, [AccessTokenText.Hash(code)]);
        var userId = await command.ExecuteScalarAsync(cancellationToken) as string;
        await transaction.CommitAsync(cancellationToken);
        return userId;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ApplicationRoleScope.BeginAsync(connection, cancellationToken);
        await using var command = AuthSql.Command(sql, connection, transaction, values);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
