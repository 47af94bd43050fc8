using Npgsql;

namespace Datapunk.Users.Tokens;

/// <summary><c>auth.ingest_tokens</c>: issue, check, list and revoke the tokens phones post location fixes with.</summary>
public sealed class IngestTokenTable(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Columns = "token_id, user_id, name, created_at, last_used_at, revoked_at";

    /// <summary>How stale <c>last_used_at</c> may get before a use writes it again: a phone posts every few seconds.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IssuedIngestToken> IssueAsync(string userId, string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            throw new ArgumentException("An ingest token's name must be 1 to 100 characters.", nameof(name));
        }

        var tokenId = Guid.NewGuid();
        var secret = AccessTokenText.NewSecret();
        var created = await QueryAsync($"""
            INSERT INTO auth.ingest_tokens (token_id, user_id, name, secret_hash) VALUES ($1, $2, $3, $4) RETURNING {Columns}
            """, cancellationToken, tokenId, userId, name.Trim(), AccessTokenText.Hash(secret));
        return new IssuedIngestToken(created.Single(), IngestTokenText.Format(tokenId, secret));
    }

    /// <summary>The token the text names, if its secret matches and it was not revoked.</summary>
    public async Task<IngestToken?> ValidateAsync(string text, CancellationToken cancellationToken)
    {
        if (!IngestTokenText.TryParse(text, out var tokenId, out var secret))
        {
            return null;
        }

        var found = (await AuthSql.QueryAsync(
            dataSource, $"SELECT {Columns}, secret_hash FROM auth.ingest_tokens WHERE token_id = $1",
            reader => (Token: Read(reader), Hash: reader.GetFieldValue<byte[]>(6)), cancellationToken, tokenId)).SingleOrDefault();
        if (found.Token is not { RevokedAt: null } token || !AccessTokenText.Matches(secret, found.Hash))
        {
            return null;
        }

        if (token.LastUsedAt is not { } lastUsed || clock.GetUtcNow() - lastUsed > LastUsedResolution)
        {
            await AuthSql.ExecuteAsync(dataSource, "UPDATE auth.ingest_tokens SET last_used_at = now() WHERE token_id = $1", cancellationToken, tokenId);
        }

        return token;
    }

    public Task<IReadOnlyList<IngestToken>> ListAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM auth.ingest_tokens WHERE user_id = $1 ORDER BY created_at DESC", cancellationToken, userId);

    /// <summary>Revokes one of <paramref name="userId"/>'s ingest tokens; false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, Guid tokenId, CancellationToken cancellationToken) =>
        (await QueryAsync($"""
            UPDATE auth.ingest_tokens SET revoked_at = coalesce(revoked_at, now())
            WHERE user_id = $1 AND token_id = $2 RETURNING {Columns}
            """, cancellationToken, userId, tokenId)).Count == 1;

    private Task<IReadOnlyList<IngestToken>> QueryAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        AuthSql.QueryAsync(dataSource, sql, Read, cancellationToken, values);

    private static IngestToken Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
        reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
}
