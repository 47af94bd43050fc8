using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Datapunk.Streams.Connections;
using Datapunk.Users.Secrets;

namespace Datapunk.Streams.OAuth;

/// <summary>
/// A connection's tokens in the user's secrets (<see cref="SecretStore"/>: Data Protection, the
/// user's row-level security), under a name derived from provider and account.
/// </summary>
public sealed class ConnectionTokenStore(SecretStore secrets)
{
    public Task SaveAsync(ConnectionKey key, OAuthTokens tokens, CancellationToken cancellationToken) =>
        secrets.PutAsync(key.UserId, NameOf(key), JsonSerializer.Serialize(tokens), cancellationToken);

    public async Task<OAuthTokens?> FindAsync(ConnectionKey key, CancellationToken cancellationToken) =>
        await secrets.GetAsync(key.UserId, NameOf(key), cancellationToken) is { } json ? JsonSerializer.Deserialize<OAuthTokens>(json) : null;

    public Task<bool> DeleteAsync(ConnectionKey key, CancellationToken cancellationToken) =>
        secrets.DeleteAsync(key.UserId, NameOf(key), cancellationToken);

    /// <summary><c>stream/{provider}/{hash}</c>: an account id may hold characters a secret's name may not.</summary>
    public static string NameOf(ConnectionKey key) =>
        $"stream/{key.Provider}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Account)))[..32]}";
}
