using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Users.Tokens;

/// <summary><c>auth.access_tokens</c>: issue, check, list and revoke personal access tokens.</summary>
public sealed class AccessTokenTable(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Columns = "token_id, user_id, name, scopes, created_at, expires_at, last_used_at, revoked_at";

    /// <summary>How stale <c>last_used_at</c> may get before a use writes it again (one write per token per minute at most).</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IssuedAccessToken> IssueAsync(
        string userId, string name, IReadOnlyList<string> scopes, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("A token's name must be 1 to 100 characters.", nameof(name));
        }

        if (expiresAt is { } expiry && expiry <= clock.GetUtcNow())
        {
            throw new ArgumentException($"The expiry {expiry:O} is in the past.", nameof(expiresAt));
        }

        var tokenId = Guid.NewGuid();
        var secret = AccessTokenText.NewSecret();
        var created = await QueryAsync($"""
            INSERT INTO auth.access_tokens (token_id, user_id, name, secret_hash, scopes, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING {Columns}
            """, cancellationToken, tokenId, userId, name.Trim(), AccessTokenText.Hash(secret), scopes.ToArray(), (object?)expiresAt ?? DBNull.Value);
        return new IssuedAccessToken(created.Single(), AccessTokenText.Format(tokenId, secret));
    }

    /// <summary>The token the text names, if its secret matches and it is neither revoked nor expired.</summary>
    public async Task<AccessToken?> ValidateAsync(string text, CancellationToken cancellationToken)
    {
        if (!AccessTokenText.TryParse(text, out var tokenId, out var secret))
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ApplicationRoleScope.BeginAsync(connection, cancellationToken);
        AccessToken? token = null;
        byte[]? hash = null;
        await using (var command = AuthSql.Command($"SELECT {Columns}, secret_hash FROM auth.access_tokens WHERE token_id = $1", connection, transaction, [tokenId]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                token = Read(reader);
                hash = reader.GetFieldValue<byte[]>(8);
            }
        }

        var now = clock.GetUtcNow();
        if (token is null || !AccessTokenText.Matches(secret, hash!) || !token.IsUsableAt(now))
        {
            return null;
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
        {
            await using var touch = AuthSql.Command("UPDATE auth.access_tokens SET last_used_at = now() WHERE token_id = $1", connection, transaction, [tokenId]);
            await touch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    public Task<IReadOnlyList<AccessToken>> ListAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM auth.access_tokens WHERE user_id = $1 ORDER BY created_at DESC", cancellationToken, userId);

    /// <summary>Revokes one of <paramref name="userId"/>'s tokens; false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, Guid tokenId, CancellationToken cancellationToken) =>
        (await QueryAsync($"""
            UPDATE auth.access_tokens SET revoked_at = coalesce(revoked_at, now())
            WHERE user_id = $1 AND token_id = $2 RETURNING {Columns}
            """, cancellationToken, userId, tokenId)).Count == 1;

    private Task<IReadOnlyList<AccessToken>> QueryAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        AuthSql.QueryAsync(dataSource, sql, Read, cancellationToken, values);

    private static AccessToken Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetFieldValue<DateTimeOffset>(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7));
}
