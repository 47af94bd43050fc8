using Npgsql;

namespace Datapunk.Users.Privacy;

/// <summary>
/// The Orleans rows of a user's grains (schema orleans, migration 0004): grain state written by the
/// ADO.NET storage provider and durable reminders. Grains that hold a user's state are keyed by the
/// user id (the user grain) or by an id the user's rows list (an import job by its import id).
/// A string key is stored as the row's key extension; a Guid key as its two 64-bit halves (the
/// provider's AdoGrainKey); a reminder row names its grain as <c>type/key</c>, a Guid key in "N" format.
/// A user's models are keyed <c>user/kind</c> (Forge's model grains): found by the prefix <c>user/</c>,
/// which no other user's keys have, as user names never contain '/'.
/// </summary>
internal static class GrainRows
{
    private const string DeleteStates = """
        DELETE FROM orleans.grain_state
        WHERE grain_id_extension = $1 OR starts_with(grain_id_extension, $1 || '/')
           OR (grain_id_extension IS NULL AND (grain_id_n0, grain_id_n1) IN (SELECT * FROM unnest($2::bigint[], $3::bigint[])))
        """;

    private const string DeleteReminders = """
        DELETE FROM orleans.reminders WHERE substr(grain_id, strpos(grain_id, '/') + 1) = ANY($1) OR starts_with(substr(grain_id, strpos(grain_id, '/') + 1), $2 || '/')
        """;

    /// <summary>Deletes the state rows and reminders of the user's grain and of the grains keyed by <paramref name="importIds"/>.</summary>
    public static async Task<(long States, long Reminders)> DeleteAsync(
        NpgsqlConnection connection, string userId, IReadOnlyList<Guid> importIds, CancellationToken cancellationToken)
    {
        var halves = importIds.Select(id => id.ToByteArray()).Select(bytes => (N0: BitConverter.ToInt64(bytes, 0), N1: BitConverter.ToInt64(bytes, 8))).ToList();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var states = new NpgsqlCommand(DeleteStates, connection, transaction);
        states.Parameters.Add(new NpgsqlParameter { Value = userId });
        states.Parameters.Add(new NpgsqlParameter { Value = halves.Select(h => h.N0).ToArray() });
        states.Parameters.Add(new NpgsqlParameter { Value = halves.Select(h => h.N1).ToArray() });
        var deletedStates = await states.ExecuteNonQueryAsync(cancellationToken);

        await using var reminders = new NpgsqlCommand(DeleteReminders, connection, transaction);
        reminders.Parameters.Add(new NpgsqlParameter { Value = importIds.Select(id => id.ToString("N")).Prepend(userId).ToArray() });
        reminders.Parameters.Add(new NpgsqlParameter { Value = userId });
        var deletedReminders = await reminders.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (deletedStates, deletedReminders);
    }
}
