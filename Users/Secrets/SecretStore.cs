using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Datapunk.Lake.Storage;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Datapunk.Users.Secrets;

/// <summary>
/// A user's secrets (OAuth tokens, API keys) in <c>user_data.secrets</c>, encrypted with ASP.NET
/// Core Data Protection before they reach the database. The purpose names the user and the secret,
/// so a ciphertext copied to another user's row, or renamed, does not decrypt. Every statement
/// runs in the user's <see cref="UserDataScope"/>.
/// </summary>
public sealed partial class SecretStore(NpgsqlDataSource dataSource, IDataProtectionProvider protection)
{
    public const string Purpose = "Datapunk.Users.Secrets.v1";
    public const string NameRule = "1 to 128 characters: letters, digits, '.', '_', ':', '/' or '-', starting with a letter or digit";

    /// <summary>Stores (or replaces) the secret <paramref name="name"/> of <paramref name="userId"/>.</summary>
    public async Task PutAsync(string userId, string name, string value, CancellationToken cancellationToken)
    {
        RequireValidName(name);
        ArgumentNullException.ThrowIfNull(value);
        var ciphertext = ProtectorFor(userId, name).Protect(Encoding.UTF8.GetBytes(value));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO user_data.secrets (user_id, name, ciphertext) VALUES ($1, $2, $3)
            ON CONFLICT (user_id, name) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = now()
            """, connection, transaction);
        upsert.Parameters.Add(new() { Value = userId });
        upsert.Parameters.Add(new() { Value = name });
        upsert.Parameters.Add(new() { Value = ciphertext });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The secret's value, or null when the user has no secret of that name. Throws
    /// <see cref="SecretUnreadableException"/> when the stored ciphertext does not decrypt for this user and name.
    /// </summary>
    public async Task<string?> GetAsync(string userId, string name, CancellationToken cancellationToken)
    {
        RequireValidName(name);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var query = new NpgsqlCommand("SELECT ciphertext FROM user_data.secrets WHERE user_id = $1 AND name = $2", connection, transaction);
        query.Parameters.Add(new() { Value = userId });
        query.Parameters.Add(new() { Value = name });
        var ciphertext = await query.ExecuteScalarAsync(cancellationToken) as byte[];
        await transaction.CommitAsync(cancellationToken);
        if (ciphertext is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(ProtectorFor(userId, name).Unprotect(ciphertext));
        }
        catch (CryptographicException exception)
        {
            throw new SecretUnreadableException(
                $"Secret '{name}' of user '{userId}' cannot be decrypted: it was encrypted for another user or name, or with a "
                + "Data Protection key this silo does not have (every silo must share the folder DataProtection:KeysPath names). "
                + exception.Message,
                exception);
        }
    }

    /// <summary>Removes the secret; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string userId, string name, CancellationToken cancellationToken)
    {
        RequireValidName(name);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var delete = new NpgsqlCommand("DELETE FROM user_data.secrets WHERE user_id = $1 AND name = $2", connection, transaction);
        delete.Parameters.Add(new() { Value = userId });
        delete.Parameters.Add(new() { Value = name });
        var removed = await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }

    /// <summary>The names of the user's secrets, in order; never their values.</summary>
    public async Task<IReadOnlyList<string>> ListNamesAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var query = new NpgsqlCommand("SELECT name FROM user_data.secrets WHERE user_id = $1 ORDER BY name", connection, transaction);
        query.Parameters.Add(new() { Value = userId });
        var names = new List<string>();
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return names;
    }

    private IDataProtector ProtectorFor(string userId, string name) => protection.CreateProtector(Purpose, userId, name);

    private static void RequireValidName(string name)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid secret name: {NameRule}.", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
