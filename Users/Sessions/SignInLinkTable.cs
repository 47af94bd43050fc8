using Datapunk.Users.Tokens;
using Npgsql;

namespace Datapunk.Users.Sessions;

/// <summary><c>auth.sign_in_links</c>: one-time codes that sign an account in once (the owner's first sign-in).</summary>
public sealed class SignInLinkTable(NpgsqlDataSource dataSource)
{
    public async Task<string> CreateAsync(string userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var code = AccessTokenText.NewSecret();
        await AuthSql.ExecuteAsync(dataSource, "INSERT INTO auth.sign_in_links (code_hash, user_id, expires_at) VALUES ($1, $2, now() + $3)",
            cancellationToken, AccessTokenText.Hash(code), userId, lifetime);
        return code;
    }

    /// <summary>The user a code signs in, once; null when the code is unknown, used or expired.</summary>
    public async Task<string?> RedeemAsync(string code, CancellationToken cancellationToken) =>
        (await AuthSql.QueryAsync(dataSource, """
            UPDATE auth.sign_in_links SET used_at = now()
            WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id
            """, reader => reader.GetString(0), cancellationToken, AccessTokenText.Hash(code))).SingleOrDefault();
}
