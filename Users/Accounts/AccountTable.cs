using Datapunk.Grains;
using Npgsql;

namespace Datapunk.Users.Accounts;

/// <summary><c>auth.accounts</c>: roles, password hashes and lockout counters, read as the application role.</summary>
public sealed class AccountTable(NpgsqlDataSource dataSource)
{
    private const string Columns = "user_id, role, password_hash, failed_sign_ins, locked_until, created_at";

    /// <summary>Creates the account; false when one with that id exists (or, for an owner, when there is an owner already).</summary>
    public async Task<bool> TryCreateAsync(string userId, string role, CancellationToken cancellationToken)
    {
        if (!AccountRoles.All.Contains(role))
        {
            throw new ArgumentException($"'{role}' is not a role: use one of {string.Join(", ", AccountRoles.All)}.", nameof(role));
        }

        return await ExecuteAsync(
            "INSERT INTO auth.accounts (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING", cancellationToken, userId, role) == 1;
    }

    public async Task<Account?> FindAsync(string userId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM auth.accounts WHERE user_id = $1", cancellationToken, userId)).FirstOrDefault();

    public async Task<Account?> FindOwnerAsync(CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM auth.accounts WHERE role = 'owner'", cancellationToken)).FirstOrDefault();

    /// <summary>Every account, by id, for an administrator's listing.</summary>
    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM auth.accounts ORDER BY user_id", cancellationToken);

    public Task SetPasswordHashAsync(string userId, string passwordHash, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE auth.accounts SET password_hash = $2, failed_sign_ins = 0, locked_until = NULL WHERE user_id = $1",
            cancellationToken, userId, passwordHash);

    public Task SetRoleAsync(string userId, string role, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE auth.accounts SET role = $2 WHERE user_id = $1 AND role <> 'owner'", cancellationToken, userId, role);

    /// <summary>Counts a failed sign-in; the account locks for <paramref name="lockout"/> when the count reaches <paramref name="limit"/>.</summary>
    public Task RecordFailedSignInAsync(string userId, int limit, TimeSpan lockout, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE auth.accounts
            SET failed_sign_ins = failed_sign_ins + 1,
                locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + $3 ELSE locked_until END
            WHERE user_id = $1
            """, cancellationToken, userId, limit, lockout);

    public Task ResetFailedSignInsAsync(string userId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE auth.accounts SET failed_sign_ins = 0, locked_until = NULL WHERE user_id = $1", cancellationToken, userId);

    /// <summary>Removes the account with its tokens, sessions and links (erasure).</summary>
    public Task DeleteAsync(string userId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM auth.accounts WHERE user_id = $1", cancellationToken, userId);

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        AuthSql.ExecuteAsync(dataSource, sql, cancellationToken, values);

    private Task<IReadOnlyList<Account>> QueryAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        AuthSql.QueryAsync(dataSource, sql, Read, cancellationToken, values);

    private static Account Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3),
        reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
}
