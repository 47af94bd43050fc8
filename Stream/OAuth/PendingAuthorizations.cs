using System.Security.Cryptography;
using System.Text;
using Datapunk.Lake.Storage;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Datapunk.Streams.OAuth;

/// <summary>
/// <c>user_data.pending_authorizations</c>: an authorization's state (only its hash is stored) and its
/// PKCE verifier (encrypted with Data Protection for this user and provider), single use and expiring.
/// </summary>
public sealed class PendingAuthorizations(NpgsqlDataSource dataSource, IDataProtectionProvider protection, TimeProvider time)
{
    public const string Purpose = "Datapunk.Stream.Pkce.v1";

    /// <summary>How long a user has to finish at the provider.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Keeps a new authorization of <paramref name="userId"/>; returns its state and verifier.</summary>
    public async Task<(string State, string Verifier)> BeginAsync(string userId, string provider, CancellationToken cancellationToken)
    {
        var state = Pkce.NewState();
        var verifier = Pkce.NewVerifier();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO user_data.pending_authorizations (state_hash, user_id, provider, verifier, expires_at) VALUES ($1, $2, $3, $4, $5)
            """, connection, transaction))
        {
            insert.Parameters.Add(new() { Value = Pkce.HashOfState(state) });
            insert.Parameters.Add(new() { Value = userId });
            insert.Parameters.Add(new() { Value = provider });
            insert.Parameters.Add(new() { Value = ProtectorFor(userId, provider).Protect(Encoding.ASCII.GetBytes(verifier)) });
            insert.Parameters.Add(new() { Value = time.GetUtcNow() + Lifetime });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // The user's authorizations expired a day ago go now (nobody can complete them); the more recent
        // stay a while so that a late callback is told it expired rather than that it is unknown.
        await using (var expired = new NpgsqlCommand(
            "DELETE FROM user_data.pending_authorizations WHERE user_id = $1 AND expires_at < now() - interval '1 day'", connection, transaction))
        {
            expired.Parameters.Add(new() { Value = userId });
            await expired.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (state, verifier);
    }

    /// <summary>
    /// Consumes the authorization <paramref name="state"/> names (a second callback with it finds
    /// nothing); throws <see cref="AuthorizationRefusedException"/> for an unknown, used or expired state.
    /// </summary>
    public async Task<PendingAuthorization> ConsumeAsync(string? state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 200)
        {
            throw new AuthorizationRefusedException("The callback has no valid state.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await ApplicationRoleScope.BeginAsync(connection, cancellationToken);
        await using var consume = new NpgsqlCommand(
            "SELECT user_id, provider, verifier, expired FROM user_data.consume_pending_authorization($1)", connection, transaction);
        consume.Parameters.Add(new() { Value = Pkce.HashOfState(state) });
        PendingAuthorization? pending = null;
        var expired = false;
        await using (var reader = await consume.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var (userId, provider) = (reader.GetString(0), reader.GetString(1));
                expired = reader.GetBoolean(3);
                pending = new PendingAuthorization(userId, provider, Unprotect(userId, provider, reader.GetFieldValue<byte[]>(2)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return pending is null ? throw new AuthorizationRefusedException("The state is unknown or was used already: start the connection again.")
            : expired ? throw new AuthorizationRefusedException($"The authorization expired (after {Lifetime.TotalMinutes:0} minutes): start the connection again.")
            : pending;
    }

    private string Unprotect(string userId, string provider, byte[] ciphertext)
    {
        try
        {
            return Encoding.ASCII.GetString(ProtectorFor(userId, provider).Unprotect(ciphertext));
        }
        catch (CryptographicException exception)
        {
            throw new AuthorizationRefusedException("The authorization's verifier does not decrypt here (a Data Protection key this silo lacks).", exception);
        }
    }

    private IDataProtector ProtectorFor(string userId, string provider) => protection.CreateProtector(Purpose, userId, provider);
}
