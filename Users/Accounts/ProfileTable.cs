using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Users.Accounts;

/// <summary>A user's profile (display name, e-mail, time zone): personal data, read and written under the user's row-level security.</summary>
public sealed class ProfileTable(NpgsqlDataSource dataSource)
{
    public async Task<Profile?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = AuthSql.Command(
            "SELECT display_name, email, time_zone FROM user_data.profiles WHERE user_id = $1", connection, transaction, [userId]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Profile(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    public async Task SaveAsync(string userId, Profile profile, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using (var command = AuthSql.Command("""
            INSERT INTO user_data.profiles (user_id, display_name, email, time_zone) VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_id) DO UPDATE SET display_name = $2, email = $3, time_zone = $4, updated_at = now()
            """, connection, transaction, [userId, profile.DisplayName, profile.Email, profile.TimeZone]))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>The profile fields a user controls.</summary>
public sealed record Profile(string DisplayName, string? Email, string? TimeZone);
