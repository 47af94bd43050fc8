using Npgsql;

namespace Datapunk.Cortex.Embeddings;

/// <summary>
/// A user's embedding work per model in <c>vectors.embedding_progress</c>, always in the user's
/// row-level-security scope: requests, where the pass stands, and which model serves search.
/// </summary>
internal static class EmbeddingProgress
{
    /// <summary>
    /// Where a pass stands: null cursor at its start; <paramref name="Generation"/> counts requests,
    /// <paramref name="PassGeneration"/> is the count when this pass started.
    /// </summary>
    public sealed record Pass(bool Pending, int Generation, int PassGeneration, short? CursorKind, string? CursorIdentity);

    /// <summary>A model with the user's vectors, and when it last covered every record (null while not yet).</summary>
    public sealed record UserModel(StoredModel Model, DateTimeOffset? CoveredAt);

    /// <summary>
    /// Asks for a pass. With none running, one starts from the beginning; with one running, it runs on
    /// (a request restarting it would let frequent requests keep it from ever reaching the end of a
    /// large archive) and starts again at its end, since records may have arrived behind its cursor.
    /// </summary>
    public static Task RequestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, """
            INSERT INTO vectors.embedding_progress AS p (user_id, model_id) VALUES ($1, $2)
            ON CONFLICT (user_id, model_id) DO UPDATE
            SET pending = true, generation = p.generation + 1,
                pass_generation = CASE WHEN p.pending THEN p.pass_generation ELSE p.generation + 1 END,
                cursor_kind = CASE WHEN p.pending THEN p.cursor_kind END,
                cursor_identity = CASE WHEN p.pending THEN p.cursor_identity END,
                updated_at = now()
            """, cancellationToken, userId, model.Id);

    public static async Task<Pass?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pending, generation, pass_generation, cursor_kind, cursor_identity FROM vectors.embedding_progress WHERE user_id = $1 AND model_id = $2",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = model.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Pass(reader.GetBoolean(0), reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt16(3), reader.IsDBNull(4) ? null : reader.GetString(4))
            : null;
    }

    /// <summary>Moves the pass on, unless it started again since <paramref name="pass"/> was read (a batch of a second activation).</summary>
    public static Task AdvanceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, Pass pass, short kind, string identity,
        CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, """
            UPDATE vectors.embedding_progress SET cursor_kind = $4, cursor_identity = $5, updated_at = now()
            WHERE user_id = $1 AND model_id = $2 AND pending AND pass_generation = $3
            """, cancellationToken, userId, model.Id, pass.PassGeneration, kind, identity);

    /// <summary>
    /// Ends the pass that reached the end of the user's records. When no request came since it started,
    /// the model covers the user, and the vectors of every other model (which served search until now)
    /// go; returns true. When one came, the pass starts again from the beginning; returns false.
    /// </summary>
    public static async Task<bool> FinishAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, StoredModel model, Pass pass, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE vectors.embedding_progress
            SET pending = generation <> pass_generation, pass_generation = generation,
                cursor_kind = NULL, cursor_identity = NULL, updated_at = now(),
                covered_at = CASE WHEN generation = pass_generation THEN now() ELSE covered_at END
            WHERE user_id = $1 AND model_id = $2 AND pending AND pass_generation = $3
            RETURNING NOT pending
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = model.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = pass.PassGeneration });
        if (await command.ExecuteScalarAsync(cancellationToken) is not true)
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
