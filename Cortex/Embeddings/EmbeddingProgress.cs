using Npgsql;

namespace Datapunk.Cortex.Embeddings;

/// <summary>
/// A user's embedding work per model in <c>vectors.embedding_progress</c>, always in the user's
/// row-level-security scope: requests, where the pass stands, and which model serves search.
/// </summary>
internal static class EmbeddingProgress
{
    /// <summary>Where a pass stands: null cursor at its start.</summary>
    public sealed record Pass(bool Pending, int Generation, short? CursorKind, string? CursorIdentity);

    /// <summary>A model with the user's vectors, and when it last covered every record (null while not yet).</summary>
    public sealed record UserModel(StoredModel Model, DateTimeOffset? CoveredAt);

    /// <summary>Starts a pass from the beginning (records may have arrived anywhere in the order).</summary>
    public static Task RequestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, """
            INSERT INTO vectors.embedding_progress (user_id, model_id) VALUES ($1, $2)
            ON CONFLICT (user_id, model_id) DO UPDATE
            SET pending = true, generation = embedding_progress.generation + 1, cursor_kind = NULL, cursor_identity = NULL, updated_at = now()
            """, cancellationToken, userId, model.Id);

    public static async Task<Pass?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pending, generation, cursor_kind, cursor_identity FROM vectors.embedding_progress WHERE user_id = $1 AND model_id = $2",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = model.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Pass(reader.GetBoolean(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt16(2), reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
    }

    /// <summary>Moves the pass on, unless a request restarted it since <paramref name="generation"/> was read.</summary>
    public static Task AdvanceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, int generation, short kind, string identity,
        CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, """
            UPDATE vectors.embedding_progress SET cursor_kind = $4, cursor_identity = $5, updated_at = now()
            WHERE user_id = $1 AND model_id = $2 AND generation = $3
            """, cancellationToken, userId, model.Id, generation, kind, identity);

    /// <summary>
    /// Ends the pass: the model covers the user, and the vectors of every other model (which served
    /// search until now) go. Returns false when a request restarted the pass meanwhile.
    /// </summary>
    public static async Task<bool> FinishAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, int generation, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE vectors.embedding_progress SET pending = false, cursor_kind = NULL, cursor_identity = NULL, covered_at = now(), updated_at = now()
            WHERE user_id = $1 AND model_id = $2 AND generation = $3
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = model.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = generation });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await ExecuteAsync(connection, transaction,
            "DELETE FROM vectors.record_embeddings WHERE user_id = $1 AND model_id <> $2", cancellationToken, userId, model.Id);
        await ExecuteAsync(connection, transaction,
            "DELETE FROM vectors.embedding_progress WHERE user_id = $1 AND model_id <> $2", cancellationToken, userId, model.Id);
        return true;
    }

    /// <summary>The models the user has vectors or work of, most recently covered first.</summary>
    public static async Task<IReadOnlyList<UserModel>> ModelsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT m.model_id, m.name, m.dimensions, p.covered_at
            FROM vectors.embedding_progress p JOIN vectors.embedding_models m ON m.model_id = p.model_id
            WHERE p.user_id = $1
            ORDER BY p.covered_at DESC NULLS LAST
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        var models = new List<UserModel>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            models.Add(new UserModel(
                new StoredModel(reader.GetInt16(0), reader.GetString(1), reader.GetInt32(2)),
                reader.IsDBNull(3) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero)));
        }

        return models;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
