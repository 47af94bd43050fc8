using Datapunk.Users.Tokens;
using Npgsql;

namespace Datapunk.Users.Sessions;

/// <summary>
/// <c>auth.sessions</c>. A session's refresh token (<c>dprt_{session id}_{secret}</c>) is stored as a
/// hash and replaced on every renewal, so a stolen, already used refresh token is worthless.
/// </summary>
public sealed class SessionTable(NpgsqlDataSource dataSource)
{
    public const string RefreshPrefix = "dprt_";
    private const string Columns = "session_id, user_id, created_at, expires_at, last_seen_at, client, revoked_at";

    public async Task<OpenedSession> OpenAsync(string userId, string? client, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var sessionId = Guid.NewGuid();
        var secret = AccessTokenText.NewSecret();
        var session = (await QueryAsync($"""
            INSERT INTO auth.sessions (session_id, user_id, refresh_hash, expires_at, client)
            VALUES ($1, $2, $3, now() + $4, $5) RETURNING {Columns}
            """, cancellationToken, sessionId, userId, AccessTokenText.Hash(secret), lifetime, client is null ? null : Truncate(client))).Single();
        return new OpenedSession(session, $"{RefreshPrefix}{sessionId:N}_{secret}");
    }

    /// <summary>Renews the session a refresh token names, rotating the token; null when it is unknown, used, revoked or expired.</summary>
    public async Task<OpenedSession?> RenewAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (!refreshToken.StartsWith(RefreshPrefix, StringComparison.Ordinal)
            || !AccessTokenText.TryParse(AccessTokenText.Prefix + refreshToken[RefreshPrefix.Length..], out var sessionId, out var secret))
        {
            return null;
        }

        var next = AccessTokenText.NewSecret();
        // Compare-and-swap on the stored hash: of two renewals with one token, one wins.
        var renewed = await QueryAsync($"""
            UPDATE auth.sessions SET refresh_hash = $3, last_seen_at = now()
            WHERE session_id = $1 AND refresh_hash = $2 AND revoked_at IS NULL AND expires_at > now()
            RETURNING {Columns}
            """, cancellationToken, sessionId, AccessTokenText.Hash(secret), AccessTokenText.Hash(next));
        return renewed.Count == 1 ? new OpenedSession(renewed[0], $"{RefreshPrefix}{sessionId:N}_{next}") : null;
    }

    public async Task<bool> IsActiveAsync(Guid sessionId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM auth.sessions WHERE session_id = $1 AND revoked_at IS NULL AND expires_at > now()",
            cancellationToken, sessionId)).Count == 1;

    public Task<IReadOnlyList<Session>> ListAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM auth.sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC",
            cancellationToken, userId);

    /// <summary>Ends one of <paramref name="userId"/>'s sessions; false when the user has no such session.</summary>
    public async Task<bool> RevokeAsync(string userId, Guid sessionId, CancellationToken cancellationToken) =>
        (await QueryAsync($"UPDATE auth.sessions SET revoked_at = coalesce(revoked_at, now()) WHERE user_id = $1 AND session_id = $2 RETURNING {Columns}",
            cancellationToken, userId, sessionId)).Count == 1;

    private static string Truncate(string client) => client.Length <= 200 ? client : client[..200];

    private Task<IReadOnlyList<Session>> QueryAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        AuthSql.QueryAsync(dataSource, sql, Read, cancellationToken, values);

    private static Session Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
}
