using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>Reads a user's rows as the silos would, under the user's row-level security.</summary>
internal static class UserRows
{
    public static async Task<T> ScalarAsync<T>(string userId, string sql, params object[] parameters)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var connection = await (await StreamDatabase.SiloLoginAsync()).OpenConnectionAsync(cancel);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancel);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(cancel);
        await transaction.CommitAsync(cancel);
        return (T)value!;
    }

    /// <summary>The identities of the user's records of the kind named <paramref name="kind"/> (<c>emails</c>), sorted.</summary>
    public static async Task<List<string>> IdentitiesAsync(string userId, string kind) =>
        [.. await ScalarAsync<string[]>(userId, """
            SELECT coalesce(array_agg(r.identity ORDER BY r.identity), '{}') FROM user_data.records r JOIN user_data.record_kinds k USING (kind)
            WHERE r.user_id = $1 AND k.name = $2
            """, userId, kind)];

    /// <summary>The user's records' times as <c>start/end</c> in UTC (<c>2026-01-05T08:00:00/2026-01-05T08:15:00</c>), sorted: to compare polled events with imported ones.</summary>
    public static async Task<List<string>> TimesAsync(string userId) =>
        [.. await ScalarAsync<string[]>(userId, """
            SELECT array_agg(t ORDER BY t COLLATE "C") FROM (
                SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '/' || to_char(ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS t
                FROM user_data.records WHERE user_id = $1) times
            """, userId)];

    /// <summary>The lineage file of the user's record of <paramref name="identity"/>.</summary>
    public static Task<long> FileOfAsync(string userId, string identity) =>
        ScalarAsync<long>(userId, "SELECT file_id FROM user_data.records WHERE user_id = $1 AND identity = $2", userId, identity);

    public static Task<long> RecordsAsync(string userId) =>
        ScalarAsync<long>(userId, "SELECT count(*) FROM user_data.records WHERE user_id = $1 AND kind = 13", userId);
}
